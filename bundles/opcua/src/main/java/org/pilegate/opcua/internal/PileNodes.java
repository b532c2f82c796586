package org.pilegate.opcua.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code Pile_<id>} object per pile controller in the {@code Piles} folder, with its {@link PileVariable}s, set
 * from the controller's status events; the session's energy and time count from the session's own start. Touched on
 * the update lane only.
 */
final class PileNodes {

    private static final Logger LOG = LoggerFactory.getLogger(PileNodes.class);

    private final NodeFactory factory;
    private final OperatorWrites writes;
    private final DepotActions actions;
    private final Map<PileId, PileView> piles;
    private final PileMeters meters;
    private final EnergyToday energyToday;
    private final Clock clock;
    private final UpdateLane updates;
    private final Supplier<UaFolderNode> folder;
    private final Consumer<NodeId> removed;
    private final Runnable siteChanged;

    /**
     * @param removed told of each node removed, for the monitored items on it
     * @param siteChanged told when the site's figures changed
     */
    PileNodes(NodeFactory factory, OperatorWrites writes, DepotActions actions, Map<PileId, PileView> piles,
            PileMeters meters, EnergyToday energyToday, Clock clock, UpdateLane updates, Supplier<UaFolderNode> folder,
            Consumer<NodeId> removed, Runnable siteChanged) {
        this.factory = factory;
        this.writes = writes;
        this.actions = actions;
        this.piles = piles;
        this.meters = meters;
        this.energyToday = energyToday;
        this.clock = clock;
        this.updates = updates;
        this.folder = folder;
        this.removed = removed;
        this.siteChanged = siteChanged;
    }

    void attach(PileController controller) {
        PileId id = controller.id();
        Optional.ofNullable(piles.get(id)).ifPresent(previous -> detach(previous.controller));
        UaObjectNode object = factory.object("Site/Piles/" + id, "Pile_" + id,
                "Charging pile " + id + ": its state, relay, meter and session.");
        folder.get().addOrganizes(object);
        UaObjectNode meterObject = factory.object("Site/Piles/" + id + "/Meter", "Meter",
                "The pile's energy meter: per-phase values where it measures them.");
        object.addComponent(meterObject);

        PileView view = new PileView(controller, object, meters.meterOf(id));
        for (PileVariable variable : PileVariable.values()) {
            UaObjectNode parent = variable.ofMeter() ? meterObject : object;
            view.nodes.put(variable, variable.unit()
                    .map(unit -> factory.analog(parent, variable.browseName(), variable.dataType(), unit,
                            variable.description()))
                    .orElseGet(() -> factory.plain(parent, variable.browseName(), variable.dataType(),
                            variable.description())));
        }
        writes.allow(view.node(PileVariable.AVAILABLE), (operator, value) -> {
            if (!(value instanceof Boolean available)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "Available is a Boolean");
            }
            setAvailable(view, available);
        });
        set(view, PileVariable.METER_ID, view.meterId.orElse(""), DateTime.now());
        piles.put(id, view);
        view.subscription = controller.subscribe(status -> updates.submit("status of pile " + id,
                () -> onStatus(view, status)));
        onStatus(view, controller.status());
        refreshAvailable(view);
        meters.follow(view);
        LOG.info("OPC UA: pile {} added{}", id, view.meterId.map(meter -> " with meter " + meter).orElse(""));
    }

    void detach(PileController controller) {
        PileView view = piles.get(controller.id());
        if (view == null || view.controller != controller) {
            return;
        }
        piles.remove(controller.id());
        close(view.subscription, "pile " + controller.id());
        meters.detach(view);
        energyToday.remove(controller.id());
        List<NodeId> gone = new ArrayList<>(view.nodes.values().stream().map(UaNode::getNodeId).toList());
        gone.add(view.object.getNodeId());
        gone.forEach(writes::forget);
        folder.get().removeOrganizes(view.object);
        view.object.delete();
        gone.forEach(removed);
        siteChanged.run();
        LOG.info("OPC UA: pile {} removed", controller.id());
    }

    /** Takes the pile out of service or back into it, then shows what the depot says. */
    void setAvailable(PileView view, boolean available) throws UaException {
        actions.setAvailable(view.controller.id(), available);
        updates.submit("refreshing pile " + view.controller.id(), () -> refreshAvailable(view));
    }

    /** Brings the running sessions' elapsed times up to date. */
    void tick() {
        piles.values().forEach(this::refreshElapsed);
    }

    /** Stops following every pile and its meter. */
    void closeAll() {
        piles.values().forEach(view -> {
            close(view.subscription, "pile " + view.controller.id());
            close(view.meterSubscription, "meter of pile " + view.controller.id());
        });
        piles.clear();
    }

    static void set(PileView view, PileVariable variable, Object value, DateTime sourceTime) {
        NodeFactory.set(view.node(variable), new Variant(value), StatusCode.GOOD, sourceTime);
    }

    static void close(AutoCloseable subscription, String what) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing the subscription to {} failed", what, e);
        }
    }

    private void onStatus(PileView view, PileStatus status) {
        if (piles.get(view.controller.id()) != view) {
            return;
        }
        PileState before = view.status.state();
        view.status = status;
        DateTime at = new DateTime(status.at());
        set(view, PileVariable.STATE, status.state().name(), at);
        set(view, PileVariable.PLUG_STATE, status.plugState().name(), at);
        set(view, PileVariable.CONTACTOR_CLOSED, status.contactorClosed(), at);
        set(view, PileVariable.POWER, status.powerW(), at);
        set(view, PileVariable.ENERGY_REGISTER, status.energyWh(), at);
        set(view, PileVariable.CURRENT_LIMIT, status.currentLimitA(), at);
        set(view, PileVariable.FAULT_TEXT, status.faultText().orElse(""), at);
        Optional<SessionId> active = status.activeSession();
        if (!active.equals(view.session.map(PileView.SessionStart::id))) {
            view.session = active.map(id -> sessionStart(id, status));
        }
        set(view, PileVariable.SESSION_ID, active.map(SessionId::value).orElse(""), at);
        set(view, PileVariable.SESSION_ENERGY,
                view.session.map(start -> Math.max(0, status.energyWh() - start.registerWh())).orElse(0L), at);
        NodeFactory.set(view.node(PileVariable.SESSION_START),
                view.session.map(start -> new Variant(new DateTime(start.at()))).orElse(Variant.NULL_VALUE),
                StatusCode.GOOD, at);
        refreshElapsed(view);
        if (before != status.state()) {
            refreshAvailable(view);
        }
        energyToday.record(view.controller.id(), status.energyWh(), status.at());
        siteChanged.run();
    }

    /** The session's own start if the session service knows it, else what the pile shows now. */
    private PileView.SessionStart sessionStart(SessionId id, PileStatus status) {
        try {
            return actions.session(id)
                    .map(overview -> new PileView.SessionStart(id, overview.session().startEnergyWh(),
                            overview.session().startedAt()))
                    .orElseGet(() -> new PileView.SessionStart(id, status.energyWh(), status.at()));
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: session {} could not be looked up; its energy counts from now", id, e);
            return new PileView.SessionStart(id, status.energyWh(), status.at());
        }
    }

    private void refreshElapsed(PileView view) {
        double elapsedMs = view.session.map(start -> (double) Duration.between(start.at(), clock.instant()).toMillis())
                .map(ms -> Math.max(0, ms)).orElse(0.0);
        set(view, PileVariable.SESSION_ELAPSED, elapsedMs, DateTime.now());
    }

    private void refreshAvailable(PileView view) {
        try {
            Optional<Boolean> available = actions.available(view.controller.id());
            NodeFactory.set(view.node(PileVariable.AVAILABLE), available.map(Variant::new).orElse(Variant.NULL_VALUE),
                    available.isPresent() ? StatusCode.GOOD : new StatusCode(StatusCodes.Bad_ResourceUnavailable),
                    DateTime.now());
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: the settings of pile {} could not be read", view.controller.id(), e);
        }
    }
}
