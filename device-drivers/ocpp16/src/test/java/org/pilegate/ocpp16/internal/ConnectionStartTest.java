package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class ConnectionStartTest {

    private final ConnectedChargePoint chargePoint = new ConnectedChargePoint();
    private final OcppSetup setup = new OcppSetup(300, Duration.ofSeconds(5), Duration.ofSeconds(10), 30, 3, 230);
    private final ConnectionStart start = new ConnectionStart(chargePoint.threads, chargePoint.calls,
            new OperatorAvailability(pile -> Optional.empty(), chargePoint.calls),
            new DefaultProfiles(chargePoint.calls, () -> setup, Optional::empty), id -> { });

    @AfterEach
    void stop() {
        chargePoint.close();
    }

    @Test
    void aTransactionWhoseSessionEndedWhileTheChargePointWasAwayIsStoppedOnceItIsBack() throws Exception {
        chargePoint.connector.resume(12, "EV-ANNA", true);
        start.accept(chargePoint.link);
        List<JsonNode> stops = answered().stream()
                .filter(call -> "RemoteStopTransaction".equals(call.get(2).asText())).toList();
        assertEquals(1, stops.size());
        assertEquals(12, stops.get(0).get(3).get("transactionId").asInt());
    }

    @Test
    void aTransactionStillChargingForItsSessionIsLeftAlone() throws Exception {
        chargePoint.connector.onTransactionStarted(13, "EV-ANNA", 1000, Instant.now());
        start.accept(chargePoint.link);
        List<String> actions = answered().stream().map(call -> call.get(2).asText()).toList();
        assertFalse(actions.contains("RemoteStopTransaction"), actions.toString());
    }

    /** Answers every CALL the gateway makes until it is quiet; returns them. */
    private List<JsonNode> answered() throws Exception {
        List<JsonNode> calls = new ArrayList<>();
        for (Optional<JsonNode> next = chargePoint.poll(Duration.ofSeconds(3)); next.isPresent();
                next = chargePoint.poll(Duration.ofMillis(1500))) {
            JsonNode call = next.get();
            calls.add(call);
            if ("GetConfiguration".equals(call.get(2).asText())) {
                chargePoint.endpoint.receive("[3,\"" + call.get(1).asText() + "\",{\"configurationKey\":[]}]");
            } else {
                chargePoint.answer(call, "Accepted");
            }
        }
        return calls;
    }
}
