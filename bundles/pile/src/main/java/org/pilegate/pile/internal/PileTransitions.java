package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a pile stands in its state machine, and the session it charges for, moved by what its devices show
 * ({@link PileReadings}, {@link PileFaults}) and by what the depot and the server side decide. A session held
 * through a fault ({@link ContactorRelease#hold()}) is let go of only once its last register has come. The contactor
 * is opened through {@code open}, which asks the relay. Not thread-safe: the pile's monitor guards it.
 */
final class PileTransitions {

    private static final Logger LOG = LoggerFactory.getLogger(PileTransitions.class);

    private final PileId pile;
    private final Clock clock;
    private final PileFaults faults;
    private final PileReadings readings;
    private final ContactorRelease release;
    private final Consumer<String> open;
    private Duration idleFinish;
    private PileState state = PileState.AVAILABLE;
    private boolean inService = true;
    /** What the depot allows now in A; until it says otherwise, the session's own limit alone counts. */
    private int allowanceA = RelayCommand.MAX_CURRENT_A;
    private Optional<ChargingRun> run = Optional.empty();

    /** @param open opens the contactor, for the reason given */
    PileTransitions(PileId pile, Clock clock, Duration idleFinish, PileFaults faults, PileReadings readings,
            ContactorRelease release, Consumer<String> open) {
        this.pile = pile;
        this.clock = clock;
        this.idleFinish = idleFinish;
        this.faults = faults;
        this.readings = readings;
        this.release = release;
        this.open = open;
    }

    PileState state() {
        return state;
    }

    /** The session the pile charges for, if any. */
    Optional<SessionId> session() {
        return run.map(r -> r.info().sessionId());
    }

    /** The session the pile holds through a fault, if any. */
    Optional<SessionId> heldSession() {
        return held() ? session() : Optional.empty();
    }

    boolean runsFor(SessionId session) {
        return session().filter(session::equals).isPresent();
    }

    void idleFinish(Duration idlePeriod) {
        idleFinish = idlePeriod;
    }

    /** Whether a session runs on the pile with its contactor closed or closing: it draws on the site's power. */
    boolean running() {
        return run.isPresent() && (state == PileState.PROMPTED || charging());
    }

    /** Whether the contactor is closed for the running session. */
    boolean charging() {
        return run.isPresent() && (state == PileState.CHARGING || state == PileState.SUSPENDED);
    }

    /** Whether the pile may close its contactor for {@code info}: prompted, or charging for that session already. */
    boolean mayCharge(ChargingInfo info) {
        return state == PileState.PROMPTED || (runsFor(info.sessionId()) && charging());
    }

    /**
     * The pile charges for {@code info} from now on, counting from {@code startRegisterWh}.
     *
     * @return the current the relay is to offer the session
     */
    int charge(ChargingInfo info, long startRegisterWh) {
        run = Optional.of(new ChargingRun(info, startRegisterWh, false, Optional.empty()));
        release.closing();
        return offeredA();
    }

    /** The session's contactor was not confirmed closed: the pile charges for nothing. */
    void dropRun() {
        run = Optional.empty();
    }

    void putInService(boolean available) {
        inService = available;
        if (available) {
            move(PileEvent.ENABLED);
        }
    }

    /** Sets the current the depot allows the pile now. */
    void allow(int currentA) {
        allowanceA = RelayCommand.checkCurrentLimitA(currentA);
    }

    /** The current the relay offers the running session: its own limit within what the depot allows. */
    int offeredA() {
        return run.map(r -> Math.min(r.info().maxCurrentA(), allowanceA)).orElse(0);
    }

    /** Follows what the devices show now. */
    void update() {
        boolean plugged = readings.plugged();
        if (faults.any()) {
            if (run.isPresent() && state != PileState.FAULTED && !held()) {
                release.hold();
                open.accept("the pile faulted");
            }
            move(PileEvent.FAULT);
        } else if (state == PileState.FAULTED) {
            // a session held through the fault goes on finishing, never back to Plugged, where it would resume
            move(!plugged ? PileEvent.RECOVERED_EMPTY
                    : held() ? PileEvent.RECOVERED_FINISHING : PileEvent.RECOVERED_PLUGGED);
        } else if (plugged) {
            move(PileEvent.VEHICLE_PLUGGED);
            followCharging();
        } else {
            if (run.isPresent() && state != PileState.FINISHING && !held()) {
                open.accept("the vehicle was unplugged");
            }
            move(PileEvent.VEHICLE_UNPLUGGED);
        }
        if (!inService) {
            move(PileEvent.DISABLED);
        }
        if ((state == PileState.FINISHING || held()) && run.isPresent() && release.readAfterOpen(readings.meter())) {
            LOG.info("Pile {}: session {} settled at {} Wh, read after the contactor opened", pile,
                    run.get().info().sessionId().value(), readings.meter().orElseThrow().energyImportWh());
            run = Optional.empty();
            release.settled();
        }
        if ((state == PileState.AVAILABLE || state == PileState.FAULTED || state == PileState.UNAVAILABLE)
                && !held()) {
            run = Optional.empty();
        }
    }

    /** The session ends: the pile finishes it and waits for the unplug. */
    void endRun(String reason) {
        LOG.info("Pile {}: session {} ends: {}", pile, run.map(r -> r.info().sessionId().value()).orElse("-"),
                reason);
        move(PileEvent.SESSION_ENDING);
    }

    void move(PileEvent event) {
        PileStateMachine.next(state, event).filter(next -> next != state).ifPresent(next -> {
            LOG.info("Pile {}: {} -> {} on {}{}", pile, state, next, event,
                    faults.text().map(text -> " (" + text + ")").orElse(""));
            state = next;
        });
    }

    /** Whether the pile keeps a session through a fault until its last register has come. */
    private boolean held() {
        return run.isPresent() && release.holds();
    }

    /** Keeps a running session to its charging info. */
    private void followCharging() {
        if (!charging()) {
            return;
        }
        ChargingCourse.Step step = ChargingCourse.next(run.get(), readings.meter(), readings.relay(), offeredA(),
                clock.instant(), idleFinish);
        run = Optional.of(step.run());
        step.event().ifPresent(this::move);
        step.finish().ifPresent(this::finishInPlace);
    }

    /** The pile itself ends the session: the contactor opens behind the state change. */
    private void finishInPlace(String reason) {
        endRun(reason);
        open.accept(reason);
    }
}
