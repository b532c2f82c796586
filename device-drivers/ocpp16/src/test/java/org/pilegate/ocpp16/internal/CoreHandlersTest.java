package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.ocpp16.internal.rpc.RpcErrorCode;
import org.pilegate.ocpp16.internal.rpc.RpcException;

import com.fasterxml.jackson.databind.node.ObjectNode;

class CoreHandlersTest {

    private final HandlersFixture fixture = new HandlersFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aBootIsAcceptedWithTheHeartbeatIntervalAndTheConnectorsAreAskedFor() throws Exception {
        ObjectNode answer = fixture.call("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
        assertEquals("Accepted", answer.get("status").asText());
        assertEquals(300, answer.get("interval").asInt());
        assertEquals("2026-12-03T10:00:00Z", answer.get("currentTime").asText());
        assertEquals(List.of(fixture.link), fixture.booted);
    }

    @Test
    void aBootWhileTheSessionsDoNotRunIsPendingAndComesAgainSoon() throws Exception {
        fixture.sessionsRunning = false;
        ObjectNode answer = fixture.call("BootNotification", "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}");
        assertEquals("Pending", answer.get("status").asText());
        assertEquals(CoreHandlers.PENDING_RETRY_S, answer.get("interval").asInt());
        assertEquals(List.of(), fixture.booted, "its connectors are asked once it is accepted");
    }

    @Test
    void aHeartbeatIsAnsweredWithTheTime() throws Exception {
        assertEquals("2026-12-03T10:00:00Z", fixture.call("Heartbeat", "{}").get("currentTime").asText());
    }

    @Test
    void aVehiclePluggedInAndAuthorizedIsAPluggedVehicleAtItsPile() throws Exception {
        fixture.call("StatusNotification", "{\"connectorId\":2,\"errorCode\":\"NoError\",\"status\":\"Preparing\"}");
        assertEquals(PlugState.A, fixture.connector(2).relayState().plugState(), "not identified yet");

        ObjectNode answer = fixture.call("Authorize", "{\"idTag\":\"EV-ANNA\"}");

        assertEquals("Accepted", answer.get("idTagInfo").get("status").asText());
        RelayState relay = fixture.connector(2).relayState();
        assertEquals(PlugState.B, relay.plugState());
        assertEquals(Optional.of(new VehicleId("EV-ANNA")), relay.vehicleId());
        assertFalse(relay.contactorClosed());
        assertEquals(Optional.empty(), fixture.connector(1).relayState().vehicleId());
    }

    @Test
    void aTagAuthorizedBeforeThePlugGoesToTheConnectorPluggedNext() throws Exception {
        fixture.call("Authorize", "{\"idTag\":\"EV-ANNA\"}");
        fixture.call("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Preparing\"}");
        assertEquals(Optional.of(new VehicleId("EV-ANNA")), fixture.connector(1).relayState().vehicleId());
    }

    @Test
    void anUnknownTagIsInvalidAndIdentifiesNobody() throws Exception {
        fixture.call("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Preparing\"}");
        assertEquals("Invalid", fixture.call("Authorize", "{\"idTag\":\"STRANGER\"}").get("idTagInfo")
                .get("status").asText());
        assertEquals(Optional.empty(), fixture.connector(1).idTag());
    }

    @Test
    void aFaultedConnectorIsAPilotError() throws Exception {
        fixture.call("StatusNotification", "{\"connectorId\":1,\"errorCode\":\"GroundFailure\",\"status\":\"Faulted\"}");
        assertEquals(PlugState.E, fixture.connector(1).relayState().plugState());
    }

    @Test
    void aConnectorTheChargePointWasNotRegisteredWithIsRefused() {
        RpcException refused = assertThrows(RpcException.class, () -> fixture.call("StatusNotification",
                "{\"connectorId\":3,\"errorCode\":\"NoError\",\"status\":\"Available\"}"));
        assertEquals(RpcErrorCode.PropertyConstraintViolation, refused.code());
    }

    @Test
    void aDataTransferIsAnsweredPolitely() throws Exception {
        assertEquals("UnknownVendorId", fixture.call("DataTransfer", "{\"vendorId\":\"ACME\",\"data\":\"x\"}")
                .get("status").asText());
    }
}
