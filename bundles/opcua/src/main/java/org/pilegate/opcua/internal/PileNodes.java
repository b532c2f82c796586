package org.pilegate.opcua.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
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
 * on its {@link PileView} from the controller's status events; the session's energy and time count from the
 * session's own start. The nodes are made from the view when a client asks ({@link PileNodeManager}). Touched on the
 * update lane only, but for {@link #availability}.
 */
final class PileNodes {

    private static final Logger LOG = LoggerFactory.getLogger(PileNodes.class);

    private final DepotActions actions;
    private final Map<PileId, PileView> piles;
    private final PileMeters meters;
    private final EnergyToday energyToday;
    private final Clock clock;
    private final UpdateLane updates;
    private final BiConsumer<PileId, PileVariable> changed;
    private final Consumer<PileId> removed;
    private final Runnable siteChanged;
    /** The order the next pile is shown in. */
    private long nextOrder;

    /**
     * @param changed told of each value that changed, for the monitored items on it
     * @param removed told of each pile removed, for the monitored items on its nodes
     * @param siteChanged told when the site's figures changed
     */
    PileNodes(DepotActions actions, Map<PileId, PileView> piles, PileMeters meters, EnergyToday energyToday,
            Clock clock, UpdateLane updates, BiConsumer<PileId, PileVariable> changed, Consumer<PileId> removed,
            Runnable siteChanged) {
        this.actions = actions;
        this.piles = piles;
        this.meters = meters;
        this.energyToday = energyToday;
        this.clock = clock;
        this.updates = updates;
        this.changed = changed;
        this.removed = removed;
        this.siteChanged = siteChanged;
    }

    void attach(PileController controller) {
        PileId id = controller.id();
        Optional.ofNullable(piles.get(id)).ifPresent(previous -> detach(previous.controller));
        PileView view = new PileView(controller, nextOrder++, meters.meterOf(id), changed);
        // shown before its first values, so the items still on a re-added pile's nodes get each of them
        piles.put(id, view);
        set(view, PileVariable.METER_ID, view.meterId.orElse(""), DateTime.now());
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
        close(view.subscription, "pile " + controller.id());
        // the items on its meter's values hear they are last known before they hear the nodes are gone
        meters.detach(view);
        piles.remove(controller.id());
        energyToday.remove(controller.id());
        removed.accept(controller.id());
        siteChanged.run();
        LOG.info("OPC UA: pile {} removed", controller.id());
    }

    /** What an operator's write to the pile's Available carries out, while the pile is shown. */
    Optional<OperatorWrites.Target> availability(PileId pile) {
        return Optional.ofNullable(piles.get(pile)).<OperatorWrites.Target>map(view -> (operator, value) -> {
            if (!(value instanceof Boolean available)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "Available is a Boolean");
            }
            setAvailable(view, available);
        });
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
        view.set(variable, new Variant(value), StatusCode.GOOD, sourceTime);
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
        view.set(PileVariable.SESSION_START,
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
            view.set(PileVariable.AVAILABLE, available.map(Variant::new).orElse(Variant.NULL_VALUE),
                    available.isPresent() ? StatusCode.GOOD : new StatusCode(StatusCodes.Bad_ResourceUnavailable),
                    DateTime.now());
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: the settings of pile {} could not be read", view.controller.id(), e);
        }
    }
}
