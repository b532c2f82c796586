package org.pilegate.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.VehicleId;

class ChargingSessionTest {

    private static final SessionId ID = new SessionId("s-1");
    private static final PileId PILE = new PileId("bay-1");
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void deliveredIsTheRegisterDelta() {
        ChargingSession session = running(120_000);

        assertEquals(0, session.deliveredWh(120_000));
        assertEquals(7_500, session.deliveredWh(127_500));
    }

    @Test
    void registerBelowStartMeansMeterResetAndClampsToZero() {
        assertEquals(0, running(120_000).deliveredWh(300));
    }

    @Test
    void negativeRegisterIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> running(0).deliveredWh(-1));
        assertEquals("currentRegisterWh must not be negative: -1", e.getMessage());
    }

    @Test
    void endTimeMustMatchState() {
        assertThrows(IllegalArgumentException.class, () -> new ChargingSession(ID, PILE, Optional.empty(),
                SessionState.FINISHED, START, 0, Optional.empty(), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ChargingSession(ID, PILE, Optional.empty(),
                SessionState.CHARGING, START, 0, Optional.of(START), Optional.empty(), Optional.empty()));
        assertEquals(Optional.of(START.plusSeconds(60)), new ChargingSession(ID, PILE, Optional.empty(),
                SessionState.FINISHED, START, 0, Optional.of(START.plusSeconds(60)), Optional.of(10L),
                Optional.empty()).endedAt());
    }

    @Test
    void endBeforeStartIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChargingSession(ID, PILE, Optional.empty(), SessionState.FAILED, START, 0,
                        Optional.of(START.minusSeconds(1)), Optional.empty(), Optional.empty()));
        assertEquals("endedAt 2025-03-01T07:59:59Z is before startedAt 2025-03-01T08:00:00Z", e.getMessage());
    }

    @Test
    void infoMustBelongToTheSession() {
        ChargingInfo other = new ChargingInfo(new SessionId("s-2"), PILE, Optional.of(new VehicleId("CAR1")), 16,
                Optional.empty(), Optional.empty(), Optional.empty());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChargingSession(ID, PILE, Optional.empty(), SessionState.CHARGING, START, 0,
                        Optional.empty(), Optional.empty(), Optional.of(other)));
        assertEquals("info is for session s-2 on pile bay-1, not s-1 on bay-1", e.getMessage());
    }

    private static ChargingSession running(long startEnergyWh) {
        return new ChargingSession(ID, PILE, Optional.of(new VehicleId("CAR1")), SessionState.CHARGING,
                START, startEnergyWh, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
