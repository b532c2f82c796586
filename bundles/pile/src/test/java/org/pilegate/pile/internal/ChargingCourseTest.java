package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;

class ChargingCourseTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
    private static final Duration IDLE_FINISH = Duration.ofMinutes(15);

    @Test
    void theTargetEnergyEndsTheSession() {
        ChargingRun run = run(Optional.of(5_000L));

        ChargingCourse.Step below = ChargingCourse.next(run, meter(5_999), relay(PlugState.C), 16, T0, IDLE_FINISH);
        ChargingCourse.Step reached = ChargingCourse.next(run, meter(6_000), relay(PlugState.C), 16, T0, IDLE_FINISH);

        assertEquals(Optional.empty(), below.finish());
        assertEquals(Optional.of("the target of 5000 Wh is reached"), reached.finish());
        assertEquals(Optional.empty(), reached.event());
    }

    @Test
    void aVehicleThatDrawsIsChargingAndHasDrawn() {
        ChargingCourse.Step step = ChargingCourse.next(run(Optional.empty()).idleFrom(T0), meter(1_000),
                relay(PlugState.C), 16, T0.plusSeconds(5), IDLE_FINISH);

        assertEquals(Optional.of(PileEvent.POWER_RESUMED), step.event());
        assertEquals(new ChargingRun(step.run().info(), 1_000, true, Optional.empty()), step.run());
        assertEquals(Optional.empty(), step.finish());
    }

    @Test
    void aVehicleThatNeverDrewIsIdleFromTheAuthorisationAndEndsAfterTheIdlePeriod() {
        ChargingCourse.Step first = ChargingCourse.next(run(Optional.empty()), meter(1_000), relay(PlugState.B), 16,
                T0, IDLE_FINISH);
        assertEquals(Optional.empty(), first.event(), "not paused: it never drew");
        assertEquals(Optional.of(T0), first.run().idleSince());

        ChargingCourse.Step last = ChargingCourse.next(first.run(), meter(1_000), relay(PlugState.B), 16,
                T0.plus(IDLE_FINISH), IDLE_FINISH);
        assertEquals(Optional.of("the vehicle drew no power for 900 s"), last.finish());
    }

    @Test
    void aVehicleThatStoppedDrawingIsPausedAndItsIdlePeriodRuns() {
        ChargingRun drawn = run(Optional.empty()).drawing();

        ChargingCourse.Step step = ChargingCourse.next(drawn, meter(2_000), relay(PlugState.B), 16, T0, IDLE_FINISH);

        assertEquals(Optional.of(PileEvent.POWER_STOPPED), step.event());
        assertEquals(Optional.of(T0), step.run().idleSince());
        assertEquals(Optional.empty(), step.finish());
    }

    @Test
    void aSessionOfferedNothingIsPausedAndNeverIdle() {
        ChargingRun idle = run(Optional.empty()).drawing().idleFrom(T0);

        ChargingCourse.Step step = ChargingCourse.next(idle, meter(2_000), relay(PlugState.B), 0,
                T0.plus(IDLE_FINISH).plusSeconds(1), IDLE_FINISH);

        assertEquals(Optional.of(PileEvent.POWER_STOPPED), step.event());
        assertEquals(Optional.empty(), step.run().idleSince(), "the idle period starts again once offered current");
        assertEquals(Optional.empty(), step.finish());
    }

    private static ChargingRun run(Optional<Long> targetWh) {
        return new ChargingRun(new ChargingInfo(new SessionId("s-1"), new PileId("bay-07"), Optional.empty(), 16,
                targetWh, Optional.empty(), Optional.empty()), 1_000, false, Optional.empty());
    }

    private static Optional<MeterReading> meter(long registerWh) {
        return Optional.of(new MeterReading(T0, registerWh, 0, ReadingQuality.GOOD, Optional.empty()));
    }

    private static Optional<RelayState> relay(PlugState plug) {
        return Optional.of(new RelayState(true, plug, Optional.empty(), 16, T0));
    }
}
