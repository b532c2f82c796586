package org.pilegate.shell.internal;

import java.util.List;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The payloads of the typed OCPP commands, and their sending: each is the generic ocpp-call with its fields named. */
final class OcppRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OcppRequests() {
    }

    static ObjectNode reset(boolean hard) {
        return JSON.createObjectNode().put("type", hard ? "Hard" : "Soft");
    }

    static ObjectNode getConfiguration(List<String> keys) {
        ObjectNode payload = JSON.createObjectNode();
        if (keys != null && !keys.isEmpty()) {
            keys.forEach(payload.putArray("key")::add);
        }
        return payload;
    }

    static ObjectNode changeConfiguration(String key, String value) {
        return JSON.createObjectNode().put("key", key).put("value", value);
    }

    /** Every profile of the charge point, or those of one connector and one purpose. */
    static ObjectNode clearChargingProfile(Integer connectorId, String purpose) {
        ObjectNode payload = JSON.createObjectNode();
        if (connectorId != null) {
            payload.put("connectorId", connectorId);
        }
        if (purpose != null) {
            payload.put("chargingProfilePurpose", purpose);
        }
        return payload;
    }

    static ObjectNode triggerMessage(String message, Integer connectorId) {
        ObjectNode payload = JSON.createObjectNode().put("requestedMessage", message);
        if (connectorId != null) {
            payload.put("connectorId", connectorId);
        }
        return payload;
    }

    /** Sends the CALL and returns the answer's payload; the schema check and errors are {@code ocpp-call}'s. */
    static JsonNode send(ChargePoints chargePoints, String chargePoint, String action, ObjectNode payload)
            throws Exception {
        String answer = Outcome.await(chargePoints.call(new ChargePointId(chargePoint), action, payload.toString()),
                action);
        return JSON.readTree(answer);
    }
}
