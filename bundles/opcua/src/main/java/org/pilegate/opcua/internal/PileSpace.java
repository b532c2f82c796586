package org.pilegate.opcua.internal;

import java.util.List;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.AddressSpaceComposite;
import org.eclipse.milo.opcua.sdk.server.api.AddressSpaceFilter;
import org.eclipse.milo.opcua.sdk.server.api.ManagedAddressSpaceFragmentWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.SimpleAddressSpaceFilter;
import org.eclipse.milo.opcua.sdk.server.api.services.AttributeServices.WriteContext;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;

/**
 * The piles' part of the site's namespace: every node id below {@code Site/Piles/}, served from the
 * {@link PileNodeManager} that makes the nodes on demand. It goes ahead of the {@link SiteNamespace}, which claims
 * the whole namespace, so browsing, reading, writing, calling and monitoring a pile's node come here; the Piles
 * folder itself stays with the site, and browsing it lists the piles from here too. Writes and monitored items go
 * where the site's own go, to the same {@link OperatorWrites} and {@link MonitoredValues}.
 */
final class PileSpace extends ManagedAddressSpaceFragmentWithLifecycle implements PushedItems {

    private final AddressSpaceFilter filter;
    private final OperatorWrites writes;
    private final MonitoredValues monitored;

    PileSpace(OpcUaServer server, PileNodeManager nodes, PileNodeIds ids, OperatorWrites writes,
            MonitoredValues monitored) {
        super(server, nodes);
        this.filter = SimpleAddressSpaceFilter.create(ids::below);
        this.writes = writes;
        this.monitored = monitored;
    }

    @Override
    public AddressSpaceFilter getFilter() {
        return filter;
    }

    /** First, ahead of the site's namespace, whose filter takes every id of the namespace. */
    @Override
    protected void registerWithComposite(AddressSpaceComposite composite) {
        composite.registerFirst(this);
    }

    @Override
    public void write(WriteContext context, List<WriteValue> writeValues) {
        context.success(writes.write(ClientIdentity.of(context.getSession()), writeValues));
    }

    @Override
    public MonitoredValues monitoredValues() {
        return monitored;
    }
}
