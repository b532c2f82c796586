package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;

class ChargingRunTest {

    private static final Instant T0 = Instant.parse("2026-12-03T21:00:00Z");
    private static final ChargingRun AUTHORISED = new ChargingRun(new ChargingInfo(new SessionId("s-1"),
            new PileId("bay-07"), Optional.empty(), 16, Optional.empty(), Optional.empty(), Optional.empty()),
            1_234_000, false, Optional.empty());

    @Test
    void idleCountsFromTheFirstMomentTheVehicleDrewNothing() {
        ChargingRun idle = AUTHORISED.idleFrom(T0).idleFrom(T0.plusSeconds(60));

        assertEquals(Optional.of(T0), idle.idleSince());
        assertFalse(idle.vehicleHasDrawn(), "a vehicle that never drew is idle, not paused");
    }

    @Test
    void drawingEndsTheIdlePeriodAndMarksTheVehicleAsHavingDrawn() {
        ChargingRun drawing = AUTHORISED.idleFrom(T0).drawing();

        assertEquals(Optional.empty(), drawing.idleSince());
        assertTrue(drawing.vehicleHasDrawn());
        assertEquals(Optional.of(T0.plusSeconds(5)), drawing.idleFrom(T0.plusSeconds(5)).idleSince(),
                "idle again from when it stopped drawing");
        assertEquals(1_234_000, drawing.startRegisterWh(), "the register it counts from stays");
    }
}
