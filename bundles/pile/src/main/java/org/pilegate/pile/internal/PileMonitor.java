package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.vehicle.VehicleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one pile's meter and relay and moves its state machine: plug and unplug from the control pilot, charging
 * as the server side authorised it, and Faulted while the pile cannot be trusted ({@link PileFaults}). Recovery
 * returns to what the plug shows. While charging, the pile keeps to the charging info on its own
 * ({@link ChargingCourse}); unplugging ends the session at any time.
 * <p>
 * The depot governs two more things: whether the pile is in service (out of service it opens nothing new, and shows
 * Unavailable once no session runs on it) and the current it allows now (operator cap and share of the site's power);
 * the relay offers the lower of that allowance and the session's own limit. At 0 A the session is paused, not idle.
 * <p>
 * A session ending keeps the contactor opening until the relay shows it open ({@link ContactorRelease}); the pile
 * lets go of the session, so that it can be settled, once a meter reading asked for after that has come. A fault
 * does not cut that short: the session is held, shown in the fault text, until the devices answer again, and then
 * finishes as if stopped.
 */
final class PileMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(PileMonitor.class);

    private final PileId pile;
    private final Clock clock;
    private Duration idleFinish;
    private final RelayCommander relayCommander;
    private final PileFaults faults;
    private final PileStatusFeed feed;
    private PileState state = PileState.AVAILABLE;
    private boolean inService = true;
    /** What the depot allows now in A; until it says otherwise, the session's own limit alone counts. */
    private int allowanceA = RelayCommand.MAX_CURRENT_A;
    private Optional<RelayState> relay = Optional.empty();
    private Optional<MeterReading> meter = Optional.empty();
    private Optional<ChargingRun> run = Optional.empty();
    private final ContactorRelease release = new ContactorRelease();

    PileMonitor(PileId pile, String meterId, String relayId, Clock clock, Duration grace, Duration idleFinish,
            RelayCommander relayCommander) {
        this.pile = pile;
        this.clock = clock;
        this.idleFinish = idleFinish;
        this.relayCommander = relayCommander;
        this.faults = new PileFaults(meterId, relayId, grace, clock.instant());
        this.feed = new PileStatusFeed(snapshot());
    }

    /** The pile's configuration changed: other devices, or other periods from now on. */
    synchronized void reconfigure(String meter, String relayDevice, Duration gracePeriod, Duration idlePeriod) {
        faults.reconfigure(meter, relayDevice, gracePeriod);
        idleFinish = idlePeriod;
    }

    synchronized void onRelayState(RelayState state) {
        relay = Optional.of(state);
        Instant now = clock.instant();
        boolean openAgain = release.shows(state, now);
        faults.relayAnswered(state, now);
        update();
        if (openAgain) {
            LOG.info("Pile {}: the relay still shows the contactor closed; opening it again", pile);
            sendOpen("the contactor showed closed");
        }
    }

    synchronized void onMeterReading(MeterReading reading) {
        meter = Optional.of(reading);
        faults.meterAnswered(reading, clock.instant());
        update();
    }

    /** Called periodically: a device silent for longer than the grace period faults the pile. */
    synchronized void checkSilence() {
        faults.checkSilence(clock.instant(), meter);
        update();
    }

    synchronized PileStatus status() {
        return feed.published();
    }

    /** Whether both devices have answered since the controller started, so the status shows the real pile. */
    synchronized boolean devicesSeen() {
        return relay.isPresent() && meter.isPresent();
    }

    /** The vehicle the relay identified, if one is plugged in and identified itself. */
    synchronized Optional<VehicleId> vehicle() {
        return relay.filter(r -> r.plugState().vehiclePresent()).flatMap(RelayState::vehicleId);
    }

    AutoCloseable subscribe(Consumer<PileStatus> listener) {
        return feed.subscribe(listener);
    }

    /**
     * Takes the pile out of service or puts it back. A session running on it goes on; the pile turns Unavailable once
     * it is over and the vehicle has left.
     */
    synchronized PileStatus putInService(boolean available) {
        inService = available;
        if (available) {
            move(PileEvent.ENABLED);
        }
        update();
        return feed.published();
    }

    /** Whether a session runs on the pile with its contactor closed or closing: it draws on the site's power. */
    synchronized boolean running() {
        return run.isPresent() && (state == PileState.PROMPTED || state == PileState.CHARGING
                || state == PileState.SUSPENDED);
    }

    /**
     * Sets the current the depot allows the pile now; a running session's relay is sent the new limit at once.
     *
     * @return completes with the status once the relay took the limit, or at once when there was nothing to send
     */
    synchronized CompletionStage<PileStatus> allow(int currentA) {
        allowanceA = RelayCommand.checkCurrentLimitA(currentA);
        update();
        return sendLimitIfChanged();
    }

    /** The prompts for the plugged-in vehicle went out. */
    synchronized void prompted() {
        move(PileEvent.PROMPTED);
        publishIfChanged();
    }

    /**
     * Closes the contactor for the session in {@code info}; repeating it for the session already charging re-sends
     * the limits (how a session resumes after a restart).
     */
    CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        int limit;
        synchronized (this) {
            boolean sameSession = run.filter(r -> r.info().sessionId().equals(info.sessionId())).isPresent();
            if (state != PileState.PROMPTED && !(sameSession && (state == PileState.CHARGING || state == PileState.SUSPENDED))) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "pile " + pile + " cannot start charging while " + state));
            }
            run = Optional.of(new ChargingRun(info, startRegisterWh, false, Optional.empty()));
            release.closing();
            limit = offeredA();
        }
        return relayCommander.send(new RelayCommand.CloseContactor(limit)).handle((closed, failure) -> {
            synchronized (this) {
                boolean stillOurs = run.filter(r -> r.info().sessionId().equals(info.sessionId())).isPresent();
                if (failure != null) {
                    if (stillOurs && state != PileState.CHARGING && state != PileState.SUSPENDED) {
                        run = Optional.empty();
                        // the relay may have closed without confirming it: no vehicle draws with no session charging
                        openContactor("the contactor was not confirmed closed");
                    }
                    throw new IllegalStateException("the relay of pile " + pile + " did not close: "
                            + RelayCommander.reason(failure), failure);
                }
                if (!stillOurs) {
                    throw new IllegalStateException("pile " + pile + " ended the session while the contactor closed");
                }
                relay = Optional.of(closed);
                move(PileEvent.CHARGING_AUTHORIZED);
                update();
                // the depot may have lowered the allowance while the contactor was closing
                sendLimitIfChanged();
                return feed.published();
            }
        });
    }

    /**
     * Ends the session the pile charges for, if any: the contactor opens and the pile waits for the unplug.
     *
     * @return completes once the relay answered the first open, taken or not (it is sent again until taken)
     */
    synchronized CompletionStage<PileStatus> finish(String reason) {
        if (state == PileState.FINISHING) {
            return CompletableFuture.completedFuture(feed.published());
        }
        if (run.isEmpty()) {
            // stopped before charging: the prompt is answered, the pile waits for the unplug
            if (state == PileState.PROMPTED) {
                move(PileEvent.SESSION_ENDING);
                publishIfChanged();
            }
            // a contactor can be closed with no run here: after a restart, before the resumed session's charge
            // reached the pile; the stop must still open it
            if (!relay.map(RelayState::contactorClosed).orElse(false)) {
                return CompletableFuture.completedFuture(feed.published());
            }
        } else {
            endRun(reason);
            publishIfChanged();
        }
        return openContactor(reason);
    }

    private void update() {
        boolean plugged = relay.map(r -> r.plugState().vehiclePresent()).orElse(false);
        if (faults.any()) {
            if (run.isPresent() && state != PileState.FAULTED && !held()) {
                release.hold();
                openContactor("the pile faulted");
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
                openContactor("the vehicle was unplugged");
            }
            move(PileEvent.VEHICLE_UNPLUGGED);
        }
        if (!inService) {
            move(PileEvent.DISABLED);
        }
        if ((state == PileState.FINISHING || held()) && run.isPresent() && release.readAfterOpen(meter)) {
            LOG.info("Pile {}: session {} settled at {} Wh, read after the contactor opened", pile,
                    run.get().info().sessionId().value(), meter.orElseThrow().energyImportWh());
            run = Optional.empty();
            release.settled();
        }
        if ((state == PileState.AVAILABLE || state == PileState.FAULTED || state == PileState.UNAVAILABLE)
                && !held()) {
            run = Optional.empty();
        }
        publishIfChanged();
    }

    /** Whether the pile keeps a session through a fault until its last register has come. */
    private boolean held() {
        return run.isPresent() && release.holds();
    }

    /** Sends the relay the current it should offer, if it offers another while the contactor is closed. */
    private CompletionStage<PileStatus> sendLimitIfChanged() {
        int limit = offeredA();
        boolean contactorClosed = run.isPresent() && (state == PileState.CHARGING || state == PileState.SUSPENDED);
        if (!contactorClosed || relay.map(RelayState::currentLimitA).orElse(-1) == limit) {
            return CompletableFuture.completedFuture(feed.published());
        }
        LOG.info("Pile {}: current limit {} A", pile, limit);
        return relayCommander.send(new RelayCommand.SetCurrentLimit(limit)).handle((limited, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    throw new IllegalStateException("the relay of pile " + pile + " did not take " + limit + " A: "
                            + RelayCommander.reason(failure), failure);
                }
                relay = Optional.of(limited);
                update();
                return feed.published();
            }
        });
    }

    /** The current the relay offers the running session: its own limit within what the depot allows. */
    private int offeredA() {
        return run.map(r -> Math.min(r.info().maxCurrentA(), allowanceA)).orElse(0);
    }

    /** Keeps a running session to its charging info. */
    private void followCharging() {
        if (run.isEmpty() || (state != PileState.CHARGING && state != PileState.SUSPENDED)) {
            return;
        }
        ChargingCourse.Step step = ChargingCourse.next(run.get(), meter, relay, offeredA(), clock.instant(),
                idleFinish);
        run = Optional.of(step.run());
        step.event().ifPresent(this::move);
        step.finish().ifPresent(this::finishInPlace);
    }

    /** The pile itself ends the session: the contactor opens behind the state change. */
    private void finishInPlace(String reason) {
        endRun(reason);
        openContactor(reason);
    }

    private void endRun(String reason) {
        LOG.info("Pile {}: session {} ends: {}", pile, run.map(r -> r.info().sessionId().value()).orElse("-"),
                reason);
        move(PileEvent.SESSION_ENDING);
    }

    /** Opens the contactor, unless an open is on its way already; completes once the relay answered it. */
    private CompletionStage<PileStatus> openContactor(String reason) {
        return release.want() ? sendOpen(reason) : CompletableFuture.completedFuture(feed.published());
    }

    private CompletionStage<PileStatus> sendOpen(String reason) {
        return relayCommander.send(new RelayCommand.OpenContactor()).handle((opened, failure) -> {
            synchronized (this) {
                release.answered();
                if (failure != null) {
                    LOG.warn("Pile {}: the contactor did not open after {}: {}; asking again while the relay shows"
                            + " it closed", pile, reason, RelayCommander.reason(failure));
                } else if (relay.filter(known -> known.timestamp().isAfter(opened.timestamp())).isEmpty()) {
                    relay = Optional.of(opened);
                    release.shows(opened, clock.instant());
                    update();
                }
                return feed.published();
            }
        });
    }

    private void publishIfChanged() {
        feed.offer(snapshot());
    }

    private void move(PileEvent event) {
        PileStateMachine.next(state, event).filter(next -> next != state).ifPresent(next -> {
            LOG.info("Pile {}: {} -> {} on {}{}", pile, state, next, event,
                    faults.text().map(text -> " (" + text + ")").orElse(""));
            state = next;
        });
    }

    private PileStatus snapshot() {
        return new PileStatus(pile, state,
                relay.map(RelayState::plugState).orElse(PlugState.A),
                relay.map(RelayState::contactorClosed).orElse(false),
                meter.map(MeterReading::activePowerW).orElse(0L),
                meter.map(MeterReading::energyImportWh).orElse(0L),
                relay.map(RelayState::currentLimitA).orElse(0),
                run.map(r -> r.info().sessionId()),
                faultsNoted(),
                clock.instant());
    }

    /**
     * The faults, the last one telling what the operator must know of a session held through them: it is not
     * settled, nor billed, yet.
     */
    private List<PileFault> faultsNoted() {
        List<PileFault> noted = new ArrayList<>(faults.list());
        if (!noted.isEmpty() && held()) {
            PileFault last = noted.remove(noted.size() - 1);
            noted.add(new PileFault(last.code(), last.text() + "; session " + run.orElseThrow().info().sessionId()
                    .value() + " not settled until the relay shows the contactor open and the meter is read after that"));
        }
        return noted;
    }
}
