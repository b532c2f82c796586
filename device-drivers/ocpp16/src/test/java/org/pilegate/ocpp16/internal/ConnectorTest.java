package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.relay.PlugState;
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
        connector.resume(7, "EV-1");
        assertTrue(connector.relayState().contactorClosed());
        assertEquals(Optional.of(7), connector.transaction());
        assertEquals(Optional.empty(), connector.reading(), "the register at the start is long past");
    }
}
