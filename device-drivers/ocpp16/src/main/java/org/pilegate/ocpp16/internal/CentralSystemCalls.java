package org.pilegate.ocpp16.internal;

import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The payloads of the CALLs the gateway sends charge points. */
final class CentralSystemCalls {

    /**
     * The idTag a transaction the gateway starts carries when the vehicle presented none (a driver who scanned the
     * pile's code): the session is the gateway's, not a card's.
     */
    static final String GATEWAY_ID_TAG = "PILEGATE";
    /** The profiles the gateway sets, each with an id of its own: a new one replaces it (same id, same level). */
    private static final Purpose TX_PROFILE = new Purpose("TxProfile", 1);
    private static final Purpose TX_DEFAULT_PROFILE = new Purpose("TxDefaultProfile", 2);

    private record Purpose(String name, int profileId) {
    }

    private final ObjectMapper json;

    CentralSystemCalls(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode remoteStart(int connectorId, Optional<String> idTag, int currentA, ChargingRate rate) {
        ObjectNode request = json.createObjectNode()
                .put("connectorId", connectorId)
                .put("idTag", idTag.orElse(GATEWAY_ID_TAG));
        request.set("chargingProfile", profile(TX_PROFILE, Optional.empty(), currentA, rate));
        return request;
    }

    ObjectNode remoteStop(int transactionId) {
        return json.createObjectNode().put("transactionId", transactionId);
    }

    ObjectNode txProfile(int connectorId, int transactionId, int currentA, ChargingRate rate) {
        ObjectNode request = json.createObjectNode().put("connectorId", connectorId);
        request.set("csChargingProfiles", profile(TX_PROFILE, Optional.of(transactionId), currentA, rate));
        return request;
    }

    /** The most a transaction the connector starts may draw until the gateway sets its TxProfile. */
    ObjectNode txDefaultProfile(int connectorId, int currentA, ChargingRate rate) {
        ObjectNode request = json.createObjectNode().put("connectorId", connectorId);
        request.set("csChargingProfiles", profile(TX_DEFAULT_PROFILE, Optional.empty(), currentA, rate));
        return request;
    }

    /** Clears the gateway's TxDefaultProfile of the connector, leaving any other profile. */
    ObjectNode clearTxDefaultProfile(int connectorId) {
        return json.createObjectNode().put("id", TX_DEFAULT_PROFILE.profileId()).put("connectorId", connectorId)
                .put("chargingProfilePurpose", TX_DEFAULT_PROFILE.name());
    }

    ObjectNode configurationKeys(String... keys) {
        ObjectNode request = json.createObjectNode();
        ArrayNode names = request.putArray("key");
        for (String key : keys) {
            names.add(key);
        }
        return request;
    }

    ObjectNode availability(int connectorId, boolean available) {
        return json.createObjectNode().put("connectorId", connectorId).put("type", available ? "Operative"
                : "Inoperative");
    }

    ObjectNode trigger(String message, int connectorId) {
        return json.createObjectNode().put("requestedMessage", message).put("connectorId", connectorId);
    }

    /** A profile of one period: at most {@code currentA} per phase, in the charge point's unit, from the start. */
    private ObjectNode profile(Purpose purpose, Optional<Integer> transactionId, int currentA, ChargingRate rate) {
        ObjectNode profile = json.createObjectNode()
                .put("chargingProfileId", purpose.profileId())
                .put("stackLevel", 0)
                .put("chargingProfilePurpose", purpose.name())
                .put("chargingProfileKind", "Relative");
        transactionId.ifPresent(id -> profile.put("transactionId", id));
        ObjectNode schedule = profile.putObject("chargingSchedule").put("chargingRateUnit", rate.unit());
        schedule.putArray("chargingSchedulePeriod").addObject().put("startPeriod", 0)
                .put("limit", rate.limit(currentA)).put("numberPhases", rate.phases());
        return profile;
    }
}
