package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
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
 * <p>
 * The monitor takes the devices' word and talks to the relay; where the pile stands is {@link PileTransitions}'s,
 * what the devices said {@link PileReadings}'s.
 */
final class PileMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(PileMonitor.class);

    private final PileId pile;
    private final Clock clock;
    private final RelayCommander relayCommander;
    private final PileFaults faults;
    private final PileReadings readings = new PileReadings();
    private final ContactorRelease release = new ContactorRelease();
    private final PileTransitions course;
    private final PileStatusFeed feed;

    PileMonitor(PileId pile, String meterId, String relayId, Clock clock, Duration grace, Duration idleFinish,
            RelayCommander relayCommander) {
        this.pile = pile;
        this.clock = clock;
        this.relayCommander = relayCommander;
        this.faults = new PileFaults(meterId, relayId, grace, clock.instant());
        this.course = new PileTransitions(pile, clock, idleFinish, faults, readings, release, this::openContactor);
        this.feed = new PileStatusFeed(snapshot());
    }

    /** The pile's configuration changed: other devices, or other periods from now on. */
    synchronized void reconfigure(String meter, String relayDevice, Duration gracePeriod, Duration idlePeriod) {
        faults.reconfigure(meter, relayDevice, gracePeriod);
        course.idleFinish(idlePeriod);
    }

    synchronized void onRelayState(RelayState state) {
        readings.relayShows(state);
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
        readings.meterShows(reading);
        faults.meterAnswered(reading, clock.instant());
        update();
    }

    /** Called periodically: a device silent for longer than the grace period faults the pile. */
    synchronized void checkSilence() {
        faults.checkSilence(clock.instant(), readings.meter());
        update();
    }

    synchronized PileStatus status() {
        return feed.published();
    }

    /** Whether both devices have answered since the controller started, so the status shows the real pile. */
    synchronized boolean devicesSeen() {
        return readings.seen();
    }

    /** The vehicle the relay identified, if one is plugged in and identified itself. */
    synchronized Optional<VehicleId> vehicle() {
        return readings.vehicle();
    }

    AutoCloseable subscribe(Consumer<PileStatus> listener) {
        return feed.subscribe(listener);
    }

    /**
     * Takes the pile out of service or puts it back. A session running on it goes on; the pile turns Unavailable once
     * it is over and the vehicle has left.
     */
    synchronized PileStatus putInService(boolean available) {
        course.putInService(available);
        update();
        return feed.published();
    }

    /** Whether a session runs on the pile with its contactor closed or closing: it draws on the site's power. */
    synchronized boolean running() {
        return course.running();
    }

    /**
     * Sets the current the depot allows the pile now; a running session's relay is sent the new limit at once.
     *
     * @return completes with the status once the relay took the limit, or at once when there was nothing to send
     */
    synchronized CompletionStage<PileStatus> allow(int currentA) {
        course.allow(currentA);
        update();
        return sendLimitIfChanged();
    }

    /** The prompts for the plugged-in vehicle went out. */
    synchronized void prompted() {
        course.move(PileEvent.PROMPTED);
        publishIfChanged();
    }

    /**
     * Closes the contactor for the session in {@code info}; repeating it for the session already charging re-sends
     * the limits (how a session resumes after a restart).
     */
    CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        int limit;
        synchronized (this) {
            if (!course.mayCharge(info)) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "pile " + pile + " cannot start charging while " + course.state()));
            }
            limit = course.charge(info, startRegisterWh);
        }
        return relayCommander.send(new RelayCommand.CloseContactor(limit)).handle((closed, failure) -> {
            synchronized (this) {
                boolean stillOurs = course.runsFor(info.sessionId());
                if (failure != null) {
                    if (stillOurs && !course.charging()) {
                        course.dropRun();
                        // the relay may have closed without confirming it: no vehicle draws with no session charging
                        openContactor("the contactor was not confirmed closed");
                    }
                    throw new IllegalStateException("the relay of pile " + pile + " did not close: "
                            + RelayCommander.reason(failure), failure);
                }
                if (!stillOurs) {
                    throw new IllegalStateException("pile " + pile + " ended the session while the contactor closed");
                }
                readings.relayShows(closed);
                course.move(PileEvent.CHARGING_AUTHORIZED);
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
        if (course.state() == PileState.FINISHING) {
            return CompletableFuture.completedFuture(feed.published());
        }
        if (course.session().isEmpty()) {
            // stopped before charging: the prompt is answered, the pile waits for the unplug
            if (course.state() == PileState.PROMPTED) {
                course.move(PileEvent.SESSION_ENDING);
                publishIfChanged();
            }
            // a contactor can be closed with no run here: after a restart, before the resumed session's charge
            // reached the pile; the stop must still open it
            if (!readings.contactorClosed()) {
                return CompletableFuture.completedFuture(feed.published());
            }
        } else {
            course.endRun(reason);
            publishIfChanged();
        }
        return openContactor(reason);
    }

    private void update() {
        course.update();
        publishIfChanged();
    }

    /** Sends the relay the current it should offer, if it offers another while the contactor is closed. */
    private CompletionStage<PileStatus> sendLimitIfChanged() {
        int limit = course.offeredA();
        if (!course.charging() || readings.offers(limit)) {
            return CompletableFuture.completedFuture(feed.published());
        }
        LOG.info("Pile {}: current limit {} A", pile, limit);
        return relayCommander.send(new RelayCommand.SetCurrentLimit(limit)).handle((limited, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    throw new IllegalStateException("the relay of pile " + pile + " did not take " + limit + " A: "
                            + RelayCommander.reason(failure), failure);
                }
                readings.relayShows(limited);
                update();
                // an allowance that came while this limit was on its way found the relay showing the one before,
                // perhaps its own value, and sent nothing; a relay that shows another value than it was sent (one
                // that caps it) is not sent the same again
                return course.offeredA() == limit ? CompletableFuture.completedFuture(feed.published())
                        : sendLimitIfChanged();
            }
        }).thenCompose(Function.identity());
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
                } else if (readings.relayAnsweredOpen(opened)) {
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

    private PileStatus snapshot() {
        return readings.status(pile, course.state(), course.session(), faults.noted(course.heldSession()),
                clock.instant());
    }
}
