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
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
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
 * {@code Meter} object in each ({@link PileNodes}, {@link PileMeters}). The site's nodes are held here; the piles'
 * are made on demand from their values by the {@link PileSpace} that goes ahead of this namespace.
 * <p>
 * Values come from the pile controllers' status events and the meters' readings, never from polling a device:
 * each change is set on its node or pile, and pushed to the monitored items on it ({@link MonitoredValues}). All
 * changes happen in order on the namespace's {@link UpdateLane}, so the controllers' and drivers' threads never wait
 * for OPC UA.
 */
final class SiteNamespace extends ManagedNamespaceWithLifecycle implements PushedItems {

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
    private final PileSpace pileSpace;
    private volatile GatewayThreads.Scheduled ticking;

    /**
     * @param meterOfPile the id of the meter a pile's configuration names
     */
    SiteNamespace(OpcUaServer server, DepotActions actions, Function<PileId, Optional<String>> meterOfPile,
            Clock clock, GatewayThreads threads) {
        super(server, URI);
        EnergyToday energyToday = new EnergyToday(clock.getZone());
        Map<PileId, PileView> shown = new ConcurrentHashMap<>();
        PileNodeIds pileIds = new PileNodeIds(getNamespaceIndex());
        PileNodeManager pileNodes = new PileNodeManager(() -> server, pileIds, shown);
        this.updates = new UpdateLane(threads.workers());
        this.monitored = new MonitoredValues(server,
                id -> pileNodes.getNode(id).or(() -> getNodeManager().getNode(id)), pileIds);
        NodeFactory factory = new NodeFactory(getNodeContext(), getNamespaceIndex(),
                (node, attributeId, value) -> monitored.push(node.getNodeId()));
        this.site = new SiteNodes(factory, actions, shown.values(), energyToday, clock, updates, threads);
        this.meters = new PileMeters(shown, meterOfPile, updates);
        this.piles = new PileNodes(actions, shown, meters, energyToday, clock, updates, monitored::changed,
                monitored::removed, site::refreshSoon);
        this.writes = new OperatorWrites(id -> getNodeManager().containsNode(id) || pileNodes.containsNode(id),
                id -> pileIds.parse(id).filter(address -> address.variable() == PileVariable.AVAILABLE)
                        .flatMap(address -> piles.availability(address.pile())));
        this.methods = new SiteMethods(factory, actions, shown, piles, site::refreshSoon);
        this.pileSpace = new PileSpace(server, pileNodes, pileIds, writes, monitored);
        getLifecycleManager().addStartupTask(() -> {
            site.create(writes);
            methods.create(site.site());
            site.refresh();
            pileSpace.startup();
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
    public void write(WriteContext context, List<WriteValue> writeValues) {
        context.success(writes.write(ClientIdentity.of(context.getSession()), writeValues));
    }

    @Override
    public MonitoredValues monitoredValues() {
        return monitored;
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
        pileSpace.shutdown();
        try {
            updates.stop(piles::closeAll, STOP_LIMIT);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA: unsubscribing from the piles failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
