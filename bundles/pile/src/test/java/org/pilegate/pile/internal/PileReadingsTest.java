package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;

class PileReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00Z");
    private static final PileId BAY_07 = new PileId("bay-07");
    private static final VehicleId EV = new VehicleId("EV-1");

    private final PileReadings readings = new PileReadings();

    @Test
    void untilTheDevicesAnswerTheStatusShowsNothingPluggedClosedOrDrawn() {
        assertFalse(readings.seen());
        assertFalse(readings.plugged());

        PileStatus status = readings.status(BAY_07, PileState.AVAILABLE, Optional.empty(), List.of(), T0);

        assertEquals(new PileStatus(BAY_07, PileState.AVAILABLE, PlugState.A, false, 0, 0, 0, Optional.empty(),
                List.of(), T0), status);
    }

    @Test
    void theStatusCarriesWhatTheDevicesSaidLast() {
        readings.relayShows(relay(PlugState.C, true, 16, T0));
        readings.meterShows(new MeterReading(T0, 123_456, 7_400, ReadingQuality.GOOD, Optional.empty()));
        List<PileFault> faults = List.of(new PileFault(ErrorCode.METER_IMPLAUSIBLE, "implausible"));

        PileStatus status = readings.status(BAY_07, PileState.CHARGING, Optional.of(new SessionId("s-1")), faults,
                T0.plusSeconds(1));

        assertTrue(readings.seen());
        assertEquals(new PileStatus(BAY_07, PileState.CHARGING, PlugState.C, true, 7_400, 123_456, 16,
                Optional.of(new SessionId("s-1")), faults, T0.plusSeconds(1)), status);
        assertTrue(readings.offers(16));
        assertFalse(readings.offers(10));
    }

    @Test
    void theVehicleIsKnownOnlyWhileThePilotShowsOnePlugged() {
        readings.relayShows(relay(PlugState.B, false, 0, T0));
        assertTrue(readings.plugged());
        assertEquals(Optional.of(EV), readings.vehicle());

        readings.relayShows(relay(PlugState.A, false, 0, T0.plusSeconds(1)));
        assertFalse(readings.plugged());
        assertEquals(Optional.empty(), readings.vehicle());
    }

    @Test
    void anAnswerToAnOpenOlderThanTheStatePolledSinceIsNotTaken() {
        readings.relayShows(relay(PlugState.B, true, 16, T0.plusSeconds(2)));

        assertFalse(readings.relayAnsweredOpen(relay(PlugState.B, false, 0, T0.plusSeconds(1))));
        assertTrue(readings.contactorClosed(), "the newer state stands");

        assertTrue(readings.relayAnsweredOpen(relay(PlugState.B, false, 0, T0.plusSeconds(2))));
        assertFalse(readings.contactorClosed());
    }

    private static RelayState relay(PlugState plug, boolean closed, int limitA, Instant at) {
        return new RelayState(closed, plug, Optional.of(EV), limitA, at);
    }
}
