package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;

/** The pile's state machine driven by device readings the test sets, its contactor opened by the test's hand. */
class PileTransitionsTest {

    private static final PileId BAY_07 = new PileId("bay-07");
    private static final SessionId S_1 = new SessionId("s-1");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T08:00:00Z"));
    private final PileFaults faults = new PileFaults("bay-07.meter", "bay-07.relay", Duration.ofSeconds(10),
            clock.instant());
    private final PileReadings readings = new PileReadings();
    private final ContactorRelease release = new ContactorRelease();
    /** Why the contactor was to open, in turn. */
    private final List<String> opened = new ArrayList<>();
    private final PileTransitions course = new PileTransitions(BAY_07, clock, Duration.ofMinutes(15), faults,
            readings, release, reason -> {
                opened.add(reason);
                release.want();
            });

    @Test
    void aPluggedVehicleChargesAndUnpluggingEndsItsSessionOpeningTheContactor() {
        relay(PlugState.B, false);
        assertEquals(PileState.PLUGGED, course.state());
        course.move(PileEvent.PROMPTED);
        charging(16);
        assertTrue(course.running());

        relay(PlugState.A, true);

        assertEquals(PileState.AVAILABLE, course.state());
        assertEquals(List.of("the vehicle was unplugged"), opened);
        assertEquals(Optional.empty(), course.session());
        assertFalse(course.running());
    }

    @Test
    void onlyAPromptedPileOrOneChargingForThatSessionMayCloseItsContactor() {
        assertFalse(course.mayCharge(info(S_1, 16)), "nothing plugged in");
        relay(PlugState.B, false);
        course.move(PileEvent.PROMPTED);
        assertTrue(course.mayCharge(info(S_1, 16)));

        charging(16);

        assertTrue(course.mayCharge(info(S_1, 16)), "a resumed session sends its limits again");
        assertFalse(course.mayCharge(info(new SessionId("s-2"), 16)));
    }

    @Test
    void theRelayOffersTheSessionsLimitWithinTheDepotsAllowanceAndZeroPausesIt() {
        assertEquals(0, course.offeredA(), "no session, no current");
        relay(PlugState.B, false);
        course.move(PileEvent.PROMPTED);
        course.allow(10);
        assertEquals(10, course.charge(info(S_1, 16), 1_000));
        course.move(PileEvent.CHARGING_AUTHORIZED);
        course.allow(32);
        assertEquals(16, course.offeredA());

        course.allow(0);
        relay(PlugState.C, true);

        assertEquals(PileState.SUSPENDED, course.state(), "paused by the depot");
        assertEquals(List.of(), opened, "a paused session is not ended");
    }

    @Test
    void aFaultHoldsTheSessionThroughRecoveryUntilTheRegisterReadAfterTheContactorOpened() {
        relay(PlugState.B, false);
        course.move(PileEvent.PROMPTED);
        charging(16);

        relay(PlugState.E, true);
        assertEquals(PileState.FAULTED, course.state());
        assertEquals(List.of("the pile faulted"), opened);
        assertEquals(Optional.of(S_1), course.heldSession());

        relay(PlugState.B, true);
        assertEquals(PileState.FINISHING, course.state(), "never back to Plugged, where it would resume");
        assertEquals(Optional.of(S_1), course.session());

        release.answered();
        clock.advance(Duration.ofMillis(200));
        release.shows(new RelayState(false, PlugState.B, Optional.empty(), 0, clock.instant()), clock.instant());
        clock.advance(Duration.ofMillis(300));
        readings.meterShows(new MeterReading(clock.instant(), 1_006, 0, ReadingQuality.GOOD, Optional.empty()));
        course.update();

        assertEquals(Optional.empty(), course.session());
        assertEquals(Optional.empty(), course.heldSession());
        assertEquals(PileState.FINISHING, course.state());
    }

    @Test
    void outOfServiceAnIdlePileIsUnavailableAndBackInServiceItFollowsThePlug() {
        course.putInService(false);
        course.update();
        assertEquals(PileState.UNAVAILABLE, course.state());
        relay(PlugState.B, false);
        assertEquals(PileState.UNAVAILABLE, course.state(), "a vehicle plugged in opens nothing");

        course.putInService(true);
        course.update();

        assertEquals(PileState.PLUGGED, course.state());
    }

    private void charging(int maxCurrentA) {
        assertEquals(maxCurrentA, course.charge(info(S_1, maxCurrentA), 1_000));
        course.move(PileEvent.CHARGING_AUTHORIZED);
        assertTrue(course.charging());
        assertEquals(Optional.of(S_1), course.session());
    }

    /** The relay shows {@code plug}: the pile follows. */
    private void relay(PlugState plug, boolean contactorClosed) {
        RelayState state = new RelayState(contactorClosed, plug, Optional.empty(), 16, clock.instant());
        readings.relayShows(state);
        faults.relayAnswered(state, clock.instant());
        course.update();
    }

    private static ChargingInfo info(SessionId session, int maxCurrentA) {
        return new ChargingInfo(session, BAY_07, Optional.empty(), maxCurrentA, Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
