package org.pilegate.opcua.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.services.AttributeServices.WriteContext;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depot in OPC UA: {@code Site} under Objects with the site's totals and the operator methods ({@link SiteNodes},
 * {@link SiteMethods}), {@code Piles} below it with one {@code Pile_<id>} object per pile controller and a
 * {@code Meter} object in each ({@link PileNodes}, {@link PileMeters}).
 * <p>
 * Values come from the pile controllers' status events and the meters' readings, never from polling a device:
 * each change is set on its node, and the node pushes it to the monitored items on it ({@link MonitoredValues}). All
 * changes happen in order on the namespace's {@link UpdateLane}, so the controllers' and drivers' threads never wait
 * for OPC UA.
 */
final class SiteNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:pilegate:opcua:site";
    private static final Logger LOG = LoggerFactory.getLogger(SiteNamespace.class);
    /** How often session times, the day's energy and the site's limit are brought up to date without events. */
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);

    private final UpdateLane updates;
    private final MonitoredValues monitored;
    private final OperatorWrites writes;
    private final SiteNodes site;
    private final SiteMethods methods;
    private final PileNodes piles;
    private final PileMeters meters;
    private volatile GatewayThreads.Scheduled ticking;

    /**
     * @param meterOfPile the id of the meter a pile's configuration names
     */
    SiteNamespace(OpcUaServer server, DepotActions actions, Function<PileId, Optional<String>> meterOfPile,
            Clock clock, GatewayThreads threads) {
        super(server, URI);
        EnergyToday energyToday = new EnergyToday(clock.getZone());
        Map<PileId, PileView> shown = new ConcurrentHashMap<>();
        this.updates = new UpdateLane(threads.workers());
        this.monitored = new MonitoredValues(getNodeContext());
        this.writes = new OperatorWrites(getNodeManager()::containsNode);
        NodeFactory factory = new NodeFactory(getNodeContext(), getNamespaceIndex(),
                (node, attributeId, value) -> monitored.push(node.getNodeId()));
        this.site = new SiteNodes(factory, actions, shown.values(), energyToday, clock, updates);
        this.meters = new PileMeters(shown, meterOfPile, updates);
        this.piles = new PileNodes(factory, writes, actions, shown, meters, energyToday, clock, updates,
                site::pilesFolder, monitored::push, site::refreshSoon);
        this.methods = new SiteMethods(factory, actions, shown, piles, site::refreshSoon);
        getLifecycleManager().addStartupTask(() -> {
            site.create(writes);
            methods.create(site.site());
            site.refresh();
            ticking = threads.every(TICK, TICK, () -> updates.submit("tick", this::tick));
        });
        getLifecycleManager().addShutdownTask(this::stopUpdates);
    }

    /** Shows a pile controller that came up. */
    void addPile(PileController controller) {
        updates.submit("adding pile " + controller.id(), () -> piles.attach(controller));
    }

    /** Removes a pile controller that went away, with its nodes. */
    void removePile(PileController controller) {
        updates.submit("removing pile " + controller.id(), () -> piles.detach(controller));
    }

    /** Follows the piles' configurations when they name other meters. */
    void refreshMeters() {
        updates.submit("refreshing the piles' meters", meters::refresh);
    }

    void addMeter(Meter meter) {
        updates.submit("adding meter " + meter.id(), () -> meters.add(meter));
    }

    void removeMeter(Meter meter) {
        updates.submit("removing meter " + meter.id(), () -> meters.remove(meter));
    }

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        monitored.created(items);
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        // nothing is sampled periodically: a new sampling interval changes nothing
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        monitored.deleted(items);
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        monitored.modeChanged(items);
    }

    @Override
    public void write(WriteContext context, List<WriteValue> writeValues) {
        context.success(writes.write(ClientIdentity.of(context.getSession()), writeValues));
    }

    private void tick() {
        piles.tick();
        site.refresh();
        site.refreshPlan();
    }

    private void stopUpdates() {
        if (ticking != null) {
            ticking.cancel();
        }
        try {
            updates.stop(piles::closeAll, STOP_LIMIT);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA: unsubscribing from the piles failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
