package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.api.vehicle.VehicleId;

class PileMonitorTest {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration IDLE_FINISH = Duration.ofMinutes(15);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private static final SessionId SESSION = new SessionId("s-1");

    private final List<RelayCommand> commands = new ArrayList<>();
    private boolean relayRefuses;
    /** Opens the relay answers with a failure before it takes one, as a storm on its line does. */
    private int opensToFail;
    private int opensAsked;
    private final PileMonitor monitor = new PileMonitor(new PileId("bay-07"), "bay-07.meter", "bay-07.relay", clock,
            GRACE, IDLE_FINISH, this::relayTakes);
    private final List<PileStatus> published = new ArrayList<>();
    /** The answers to current limits the relay has not given yet; null: it answers each at once. */
    private List<CompletableFuture<RelayState>> limitsHeld;

    PileMonitorTest() {
        monitor.subscribe(published::add);
    }

    @Test
    void plugAndUnplugFollowTheControlPilot() {
        monitor.onRelayState(relay(PlugState.B, false));
        assertEquals(PileState.PLUGGED, monitor.status().state());

        monitor.onRelayState(relay(PlugState.A, false));
        assertEquals(PileState.AVAILABLE, monitor.status().state());
        assertEquals(List.of(PileState.PLUGGED, PileState.AVAILABLE), published.stream().map(PileStatus::state).toList());
    }

    @Test
    void meterFiguresAreCarriedIntoTheStatus() {
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(123_456, 7_400, ReadingQuality.GOOD));

        PileStatus status = monitor.status();
        assertEquals(123_456, status.energyWh());
        assertEquals(7_400, status.powerW());
        assertTrue(status.contactorClosed());
    }

    @Test
    void pilotErrorFaultsThePileAndRecoveryFollowsThePlug() {
        monitor.onRelayState(relay(PlugState.B, false));
        monitor.onRelayState(relay(PlugState.E, false));
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertEquals(Optional.of("control pilot reports state E"), monitor.status().faultText());
        assertEquals(List.of(ErrorCode.CONTROL_PILOT_ERROR), codes(monitor.status()));

        monitor.onRelayState(relay(PlugState.B, false));
        assertEquals(PileState.PLUGGED, monitor.status().state());
        assertEquals(Optional.empty(), monitor.status().faultText());
    }

    @Test
    void aSilentMeterFaultsOnlyAfterTheGracePeriod() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.STALE));

        clock.advance(GRACE.minusSeconds(1));
        keepRelayAlive();
        assertEquals(PileState.AVAILABLE, monitor.status().state(), "a driver update fits in the grace period");

        clock.advance(Duration.ofSeconds(2));
        keepRelayAlive();
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertTrue(monitor.status().faultText().orElseThrow().startsWith("meter bay-07.meter not answering"));
        assertEquals(List.of(ErrorCode.METER_NOT_ANSWERING), codes(monitor.status()));

        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        assertEquals(PileState.AVAILABLE, monitor.status().state());
    }

    @Test
    void aSilentRelayFaultsThePile() {
        monitor.onRelayState(relay(PlugState.B, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));

        clock.advance(GRACE.plusSeconds(1));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        monitor.checkSilence();

        assertEquals(PileState.FAULTED, monitor.status().state());
        assertTrue(monitor.status().faultText().orElseThrow().startsWith("relay bay-07.relay not answering"));
        assertEquals(List.of(ErrorCode.RELAY_NOT_ANSWERING), codes(monitor.status()), "communication lost");
    }

    @Test
    void implausibleReadingsFaultAtOnce() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.INVALID));
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertEquals(List.of(ErrorCode.METER_IMPLAUSIBLE), codes(monitor.status()));
    }

    @Test
    void unchangedReadingsPublishNothingNew() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        int before = published.size();

        clock.advance(Duration.ofSeconds(1));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));

        assertEquals(before, published.size());
    }

    @Test
    void chargingClosesTheContactorAtTheDecidedLimit() {
        plugAndPrompt();

        PileStatus charging = monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();

        assertEquals(List.of(new RelayCommand.CloseContactor(16)), commands);
        assertEquals(PileState.CHARGING, charging.state());
        assertEquals(Optional.of(SESSION), charging.activeSession());
    }

    @Test
    void anAllowanceMadeWhileTheLastLimitIsOnItsWayReachesTheRelayOnceItAnswered() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        limitsHeld = new ArrayList<>();

        CompletionStage<PileStatus> lowered = monitor.allow(0);
        // the relay still shows 16 A, the limit the depot gives back at once
        CompletionStage<PileStatus> raised = monitor.allow(16);
        assertEquals(List.of(new RelayCommand.SetCurrentLimit(0)), commands.subList(1, commands.size()));

        limitsHeld.get(0).complete(new RelayState(true, PlugState.C, Optional.of(new VehicleId("EV-1")), 0,
                clock.instant()));

        assertEquals(List.of(new RelayCommand.SetCurrentLimit(0), new RelayCommand.SetCurrentLimit(16)),
                commands.subList(1, commands.size()));
        limitsHeld.get(1).complete(new RelayState(true, PlugState.C, Optional.of(new VehicleId("EV-1")), 16,
                clock.instant()));
        assertEquals(16, lowered.toCompletableFuture().join().currentLimitA());
        assertTrue(raised.toCompletableFuture().isDone());
    }

    @Test
    void aRelayThatShowsAnotherLimitThanItWasSentIsNotSentItAgain() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));

        // this relay answers every command showing 16 A
        monitor.allow(10).toCompletableFuture().join();

        assertEquals(List.of(new RelayCommand.SetCurrentLimit(10)), commands.subList(1, commands.size()));
    }

    @Test
    void theTargetEnergyEndsTheSessionAndOpensTheContactor() {
        plugAndPrompt();
        monitor.charge(info(Optional.of(5_000L)), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));

        monitor.onMeterReading(reading(5_999, 11_000, ReadingQuality.GOOD));
        assertEquals(PileState.CHARGING, monitor.status().state());

        monitor.onMeterReading(reading(6_000, 11_000, ReadingQuality.GOOD));
        assertEquals(PileState.FINISHING, monitor.status().state());
        assertEquals(new RelayCommand.OpenContactor(), commands.get(commands.size() - 1));
    }

    @Test
    void aVehicleThatStopsDrawingIsSuspendedAndFinishedAfterTheIdlePeriod() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        assertEquals(PileState.CHARGING, monitor.status().state());

        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(PileState.SUSPENDED, monitor.status().state());
        monitor.onRelayState(relay(PlugState.C, true));
        assertEquals(PileState.CHARGING, monitor.status().state(), "the vehicle only paused");

        monitor.onRelayState(relay(PlugState.B, true));
        clock.advance(IDLE_FINISH.minusSeconds(1));
        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(PileState.SUSPENDED, monitor.status().state());
        clock.advance(Duration.ofSeconds(1));
        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(PileState.FINISHING, monitor.status().state());
        assertEquals(new RelayCommand.OpenContactor(), commands.get(commands.size() - 1));
    }

    /** On the gateway's steady clock, the wall clock an hour on neither ends an idle session nor faults the pile. */
    @Test
    void aStepOfTheWallClockNeitherFinishesAnIdleSessionNorFaultsThePile() {
        AtomicLong nanos = new AtomicLong();
        PileMonitor steady = new PileMonitor(new PileId("bay-08"), "bay-08.meter", "bay-08.relay",
                SteadyClock.startingAt(clock, nanos::get), GRACE, IDLE_FINISH, this::relayTakes);
        steady.onRelayState(relay(PlugState.B, false));
        steady.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        steady.prompted();
        steady.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        steady.onRelayState(relay(PlugState.C, true));
        steady.onRelayState(relay(PlugState.B, true));
        assertEquals(PileState.SUSPENDED, steady.status().state());

        clock.advance(Duration.ofHours(1));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        steady.onRelayState(relay(PlugState.B, true));
        steady.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        steady.checkSilence();

        assertEquals(PileState.SUSPENDED, steady.status().state(), "idle for a second, not an hour");
        nanos.addAndGet(IDLE_FINISH.toNanos());
        steady.onRelayState(relay(PlugState.B, true));
        assertEquals(PileState.FINISHING, steady.status().state());
    }

    @Test
    void unplugMidSessionEndsItAndOpensTheContactor() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));

        monitor.onRelayState(relay(PlugState.A, true));

        assertEquals(PileState.AVAILABLE, monitor.status().state());
        assertEquals(Optional.empty(), monitor.status().activeSession());
        assertEquals(new RelayCommand.OpenContactor(), commands.get(commands.size() - 1));
    }

    @Test
    void aPileThatIsNotPluggedRefusesToCharge() {
        monitor.onRelayState(relay(PlugState.A, false));

        CompletionException refused = assertThrows(CompletionException.class,
                () -> monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join());

        assertTrue(refused.getCause().getMessage().contains("cannot start charging while AVAILABLE"));
        assertEquals(List.of(), commands);
    }

    @Test
    void aRelayThatDoesNotCloseLeavesThePilePromptedWithoutSession() {
        plugAndPrompt();
        relayRefuses = true;

        assertThrows(CompletionException.class,
                () -> monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join());

        assertEquals(PileState.PROMPTED, monitor.status().state());
        assertEquals(Optional.empty(), monitor.status().activeSession());
    }

    @Test
    void finishingOnRequestOpensTheContactorAndWaitsForTheUnplug() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();

        assertEquals(PileState.FINISHING, monitor.finish("stopped by the terminal").toCompletableFuture().join()
                .state());
        assertEquals(new RelayCommand.OpenContactor(), commands.get(commands.size() - 1));

        monitor.onRelayState(relay(PlugState.A, false));
        assertEquals(PileState.AVAILABLE, monitor.status().state());
    }

    @Test
    void aStopBeforeTheResumedSessionReachesThePileStillOpensTheContactorLeftClosedByTheRestart() {
        // the gateway restarted while the pile charged: the relay reports the contactor closed, no run is known yet
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(1_000, 7_000, ReadingQuality.GOOD));
        monitor.prompted();

        assertEquals(PileState.FINISHING, monitor.finish("stopped by the terminal").toCompletableFuture().join()
                .state());
        assertEquals(List.of(new RelayCommand.OpenContactor()), commands);
    }

    @Test
    void aStopBeforeChargingSendsNothingToAnOpenContactor() {
        plugAndPrompt();

        assertEquals(PileState.FINISHING, monitor.finish("stopped by the terminal").toCompletableFuture().join()
                .state());
        assertEquals(List.of(), commands);
    }

    @Test
    void anOpenTheRelayDidNotTakeIsSentAgainWhileTheRelayShowsTheContactorClosed() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        opensToFail = 2;

        monitor.finish("stopped by the terminal").toCompletableFuture().join();
        assertEquals(1, opensAsked);
        assertTrue(monitor.status().contactorClosed());
        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(2, opensAsked, "asked again on the next state showing it closed");
        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(3, opensAsked);

        PileStatus finishing = monitor.status();
        assertEquals(PileState.FINISHING, finishing.state());
        assertEquals(false, finishing.contactorClosed(), "the third open was taken");
        monitor.onRelayState(relay(PlugState.B, false));
        assertEquals(3, opensAsked, "nothing more once the relay shows it open");
    }

    @Test
    void aFinishingPileLetsGoOfItsSessionWithTheFirstReadingAskedForAfterTheContactorOpened() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(1_007, 11_000, ReadingQuality.GOOD));
        Instant askedBeforeTheOpen = clock.instant();
        clock.advance(Duration.ofMillis(300));

        monitor.finish("stopped by the terminal").toCompletableFuture().join();
        assertEquals(Optional.of(SESSION), monitor.status().activeSession());
        clock.advance(Duration.ofMillis(700));
        // power and energy asked for before the open, in a reading completed after it: not the last register
        monitor.onMeterReading(new MeterReading(askedBeforeTheOpen, 1_008, 0, ReadingQuality.GOOD,
                Optional.empty()));
        assertEquals(Optional.of(SESSION), monitor.status().activeSession());

        monitor.onMeterReading(reading(1_009, 0, ReadingQuality.GOOD));
        PileStatus settled = monitor.status();
        assertEquals(Optional.empty(), settled.activeSession());
        assertEquals(PileState.FINISHING, settled.state());
        assertEquals(1_009, settled.energyWh());
    }

    /**
     * The pile's line goes silent while its session finishes, the open not taken and the contactor last seen closed:
     * the pile faults and holds the session, saying so, for as long as the line stays silent; once the relay answers
     * it opens the contactor, and the session finishes (not back to Plugged, where it would resume) with the first
     * register read after the relay showed it open.
     */
    @Test
    void aPileThatFaultsWhileFinishingHoldsItsSessionUntilTheRegisterReadAfterTheContactorOpened() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(1_007, 11_000, ReadingQuality.GOOD));
        opensToFail = Integer.MAX_VALUE;
        monitor.finish("stopped by the terminal").toCompletableFuture().join();

        clock.advance(GRACE.plusSeconds(1));
        monitor.onMeterReading(reading(1_007, 11_000, ReadingQuality.STALE));
        monitor.checkSilence();
        clock.advance(Duration.ofHours(2));
        monitor.checkSilence();
        PileStatus faulted = monitor.status();
        assertEquals(PileState.FAULTED, faulted.state());
        assertEquals(Optional.of(SESSION), faulted.activeSession());
        assertTrue(faulted.contactorClosed());
        assertTrue(faulted.faultText().orElseThrow().matches("relay bay-07.relay not answering since .*; meter .*"
                + "; session s-1 not settled until the relay shows the contactor open and the meter is read after"
                + " that"), faulted.faultText().orElseThrow());

        opensToFail = 0;
        int opensBefore = opensAsked;
        monitor.onRelayState(relay(PlugState.B, true));
        assertEquals(opensBefore + 1, opensAsked, "opened again as the relay answers");
        assertEquals(Optional.of(SESSION), monitor.status().activeSession(), "no register read after the open yet");
        clock.advance(Duration.ofMillis(500));
        monitor.onMeterReading(reading(1_012, 0, ReadingQuality.GOOD));

        PileStatus settled = monitor.status();
        assertEquals(PileState.FINISHING, settled.state());
        assertEquals(Optional.empty(), settled.activeSession());
        assertEquals(1_012, settled.energyWh());
        assertEquals(false, settled.contactorClosed());
        assertTrue(published.stream().noneMatch(status -> status.state() == PileState.FAULTED
                && status.activeSession().isEmpty()), "the session was let go while the pile faulted");
        assertTrue(published.stream().dropWhile(status -> status.state() != PileState.FAULTED)
                .noneMatch(status -> status.state() == PileState.PLUGGED), "back to Plugged after the fault");
    }

    @Test
    void aFaultWhileChargingOpensTheContactorAndHoldsTheSessionUntilItsLastRegister() {
        plugAndPrompt();
        monitor.charge(info(Optional.empty()), 1_000).toCompletableFuture().join();
        monitor.onRelayState(relay(PlugState.C, true));
        monitor.onMeterReading(reading(1_004, 11_000, ReadingQuality.GOOD));
        relayRefuses = true;

        monitor.onRelayState(relay(PlugState.E, true));
        assertEquals(PileState.FAULTED, monitor.status().state());
        assertEquals(Optional.of(SESSION), monitor.status().activeSession());

        clock.advance(Duration.ofSeconds(1));
        relayRefuses = false;
        monitor.onRelayState(relay(PlugState.C, true));
        assertEquals(new RelayCommand.OpenContactor(), commands.get(commands.size() - 1));
        assertEquals(PileState.FINISHING, monitor.status().state());
        assertEquals(Optional.of(SESSION), monitor.status().activeSession());
        clock.advance(Duration.ofMillis(500));
        monitor.onMeterReading(reading(1_006, 0, ReadingQuality.GOOD));
        assertEquals(Optional.empty(), monitor.status().activeSession());
        assertEquals(1_006, monitor.status().energyWh());
    }

    private void plugAndPrompt() {
        monitor.onRelayState(relay(PlugState.B, false));
        monitor.onMeterReading(reading(1_000, 0, ReadingQuality.GOOD));
        monitor.prompted();
        assertEquals(PileState.PROMPTED, monitor.status().state());
    }

    private ChargingInfo info(Optional<Long> targetWh) {
        return new ChargingInfo(SESSION, new PileId("bay-07"), Optional.of(new VehicleId("EV-1")), 16, targetWh,
                Optional.empty(), Optional.empty());
    }

    private CompletionStage<RelayState> relayTakes(RelayCommand command) {
        if (command instanceof RelayCommand.SetCurrentLimit && limitsHeld != null) {
            commands.add(command);
            CompletableFuture<RelayState> answer = new CompletableFuture<>();
            limitsHeld.add(answer);
            return answer;
        }
        if (command instanceof RelayCommand.OpenContactor) {
            opensAsked++;
            if (opensToFail > 0) {
                opensToFail--;
                return CompletableFuture.failedFuture(new IllegalStateException("slave exception 4"));
            }
        }
        if (relayRefuses) {
            return CompletableFuture.failedFuture(new IllegalStateException("no answer"));
        }
        commands.add(command);
        boolean closed = command instanceof RelayCommand.CloseContactor;
        return CompletableFuture.completedFuture(new RelayState(closed, PlugState.B,
                Optional.of(new VehicleId("EV-1")), 16, clock.instant()));
    }

    private void keepRelayAlive() {
        monitor.onRelayState(relay(PlugState.A, false));
        monitor.checkSilence();
    }

    private RelayState relay(PlugState plug, boolean closed) {
        return new RelayState(closed, plug, plug.vehiclePresent() ? Optional.of(new VehicleId("EV-1"))
                : Optional.empty(), 16, clock.instant());
    }

    private MeterReading reading(long energyWh, long powerW, ReadingQuality quality) {
        return new MeterReading(clock.instant(), energyWh, powerW, quality, Optional.empty());
    }

    private static List<ErrorCode> codes(PileStatus status) {
        return status.faults().stream().map(PileFault::code).toList();
    }
}
