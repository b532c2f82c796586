package org.pilegate.ocpp16.internal;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The payloads of the CALLs the gateway sends charge points. */
final class CentralSystemCalls {

    /**
     * The idTag a transaction the gateway starts carries when the vehicle presented none (a driver who scanned the
     * pile's code): the session is the gateway's, not a card's.
     */
    static final String GATEWAY_ID_TAG = "PILEGATE";
    /** The id of the TxProfile the gateway sets; a new one replaces it (same id, same stack level). */
    private static final int TX_PROFILE_ID = 1;

    private final ObjectMapper json;

    CentralSystemCalls(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode remoteStart(int connectorId, Optional<String> idTag, int currentA) {
        ObjectNode request = json.createObjectNode()
                .put("connectorId", connectorId)
                .put("idTag", idTag.orElse(GATEWAY_ID_TAG));
        request.set("chargingProfile", profile(Optional.empty(), currentA));
        return request;
    }

    ObjectNode remoteStop(int transactionId) {
        return json.createObjectNode().put("transactionId", transactionId);
    }

    ObjectNode txProfile(int connectorId, int transactionId, int currentA) {
        ObjectNode request = json.createObjectNode().put("connectorId", connectorId);
        request.set("csChargingProfiles", profile(Optional.of(transactionId), currentA));
        return request;
    }

    ObjectNode availability(int connectorId, boolean available) {
        return json.createObjectNode().put("connectorId", connectorId).put("type", available ? "Operative"
                : "Inoperative");
    }

    ObjectNode trigger(String message, int connectorId) {
        return json.createObjectNode().put("requestedMessage", message).put("connectorId", connectorId);
    }

    /** A TxProfile of one period: at most {@code currentA} per phase from the transaction's start. */
    private ObjectNode profile(Optional<Integer> transactionId, int currentA) {
        ObjectNode profile = json.createObjectNode()
                .put("chargingProfileId", TX_PROFILE_ID)
                .put("stackLevel", 0)
                .put("chargingProfilePurpose", "TxProfile")
                .put("chargingProfileKind", "Relative");
        transactionId.ifPresent(id -> profile.put("transactionId", id));
        ObjectNode schedule = profile.putObject("chargingSchedule").put("chargingRateUnit", "A");
        schedule.putArray("chargingSchedulePeriod").addObject().put("startPeriod", 0).put("limit", (double) currentA);
        return profile;
    }
}
