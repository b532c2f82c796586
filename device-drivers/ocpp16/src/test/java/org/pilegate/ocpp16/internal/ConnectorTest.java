package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;

class ConnectorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final Connector connector = new Connector(new ChargePointId("CP-1").pile(1), 1, clock,
            () -> Duration.ofSeconds(10));

    @Test
    void aVehicleThatPresentsNoTagIsPluggedInOnceTheIdentificationWaitIsOver() {
        connector.onStatus("Preparing");
        assertEquals(PlugState.A, connector.relayState().plugState());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(PlugState.B, connector.relayState().plugState());
        assertEquals(Optional.empty(), connector.relayState().vehicleId());
    }

    @Test
    void theTagIsForgottenWhenTheConnectorIsAvailableAgain() {
        connector.onStatus("Preparing");
        connector.onIdTag("EV-1");
        assertEquals(Optional.of(new VehicleId("EV-1")), connector.relayState().vehicleId());
        connector.onStatus("Available");
        assertEquals(Optional.empty(), connector.idTag());
        assertEquals(PlugState.A, connector.relayState().plugState());
    }

    @Test
    void aTransactionResumedAfterARestartClosesTheContactorAndWaitsForTheRegister() {
        connector.resume(7, "EV-1", false);
        assertTrue(connector.relayState().contactorClosed());
        assertEquals(Optional.of(7), connector.transaction());
        assertEquals(Optional.empty(), connector.reading(), "the register at the start is long past");
    }

    @Test
    void aTransactionGoesOnForItsPileWhileTheChargePointIsAwayWithNoMeterReadingMadeUp() {
        List<RelayState> relay = new CopyOnWriteArrayList<>();
        List<MeterReading> meter = new CopyOnWriteArrayList<>();
        connector.onRelay(relay::add);
        connector.onMeter(meter::add);
        connector.online(true);
        connector.onTransactionStarted(7, "EV-1", 1000, clock.instant());
        relay.clear();
        meter.clear();

        connector.online(false);
        clock.advance(Duration.ofMinutes(10));
        connector.publish();
        assertEquals(1, relay.size(), "the pile hears its contactor is closed, so its session does not fault");
        assertTrue(relay.get(0).contactorClosed());
        assertEquals(List.of(), meter, "the register is the charge point's to report once back");
    }

    @Test
    void aConnectorWithoutTransactionIsSilentWhileItsChargePointIsAway() {
        List<RelayState> relay = new CopyOnWriteArrayList<>();
        connector.onRelay(relay::add);
        connector.online(false);
        connector.publish();
        assertEquals(List.of(), relay);
    }

    @Test
    void aTransactionReleasedByItsSessionKeepsThePilesRegisterWhereTheSessionEnded() {
        connector.onTransactionStarted(7, "EV-1", 1000, clock.instant());
        connector.stopWanted(true);
        assertFalse(connector.relayState().contactorClosed(), "for the pile the session's contactor is open");
        connector.onMeterValues(new MeterValues(clock.instant(), Optional.of(1500L), Optional.empty(),
                Optional.empty()));
        connector.onTransactionStopped(1800, clock.instant(), "Remote");
        assertEquals(1000, connector.reading().orElseThrow().energyImportWh(), "the rest is billed on its own");
        assertFalse(connector.stopWanted());
    }

    @Test
    void afterARestartThePlugIsToldOnlyOnceTheChargePointSentItsStatus() {
        List<RelayState> relay = new CopyOnWriteArrayList<>();
        connector.onRelay(relay::add);
        connector.online(true);
        connector.resume(7, "EV-1", false);
        connector.publish();
        assertTrue(relay.get(0).contactorClosed(), "the transaction runs on");
        // the stop the charge point queued while the gateway was down comes before its status
        connector.onTransactionStopped(1800, clock.instant(), "Local");
        assertEquals(1, relay.size(), "no guess that the vehicle left");
        assertEquals(1800, connector.reading().orElseThrow().energyImportWh());
        connector.onStatus("Finishing");
        assertEquals(PlugState.B, relay.get(1).plugState());
        assertFalse(relay.get(1).contactorClosed());
    }

    @Test
    void aStoppedTransactionMakesChargingAgainWaitForANewPlugIn() {
        connector.onStatus("Preparing");
        connector.onTransactionStarted(7, "EV-1", 1000, clock.instant());
        assertEquals(Optional.empty(), connector.stopSincePlugIn());
        connector.onTransactionStopped(2000, clock.instant(), "Local");
        connector.onStatus("Finishing");
        assertEquals(Optional.of("transaction 7 of connector 1 stopped by the charge point at " + clock.instant()
                + ", reason Local"), connector.stopSincePlugIn(), "said as what it is");
        connector.onStatus("Available");
        assertEquals(Optional.empty(), connector.stopSincePlugIn());
        connector.onTransactionStopped(2000, clock.instant(), "Local");
        connector.onStatus("Preparing");
        assertEquals(Optional.empty(), connector.stopSincePlugIn(), "plugged in again");
    }
}
