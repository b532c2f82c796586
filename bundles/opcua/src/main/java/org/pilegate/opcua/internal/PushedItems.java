package org.pilegate.opcua.internal;

import java.util.List;

import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.services.MonitoredItemServices;

/**
 * The monitored items of an address space whose values are pushed on change by {@link MonitoredValues}: the site's
 * namespace and the piles' part of it keep theirs in the same one.
 */
interface PushedItems extends MonitoredItemServices {

    /** Where the items are kept. */
    MonitoredValues monitoredValues();

    @Override
    default void onDataItemsCreated(List<DataItem> items) {
        monitoredValues().created(items);
    }

    @Override
    default void onDataItemsModified(List<DataItem> items) {
        // nothing is sampled periodically: a new sampling interval changes nothing
    }

    @Override
    default void onDataItemsDeleted(List<DataItem> items) {
        monitoredValues().deleted(items);
    }

    @Override
    default void onMonitoringModeChanged(List<MonitoredItem> items) {
        monitoredValues().modeChanged(items);
    }
}
