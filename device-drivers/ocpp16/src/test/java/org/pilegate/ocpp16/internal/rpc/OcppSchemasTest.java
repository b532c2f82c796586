package org.pilegate.ocpp16.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class OcppSchemasTest {

    private static final OcppSchemas SCHEMAS = new OcppSchemas();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyActionHasBothSchemas() {
        assertEquals(28, OcppSchemas.ACTIONS.size());
        for (String action : OcppSchemas.ACTIONS) {
            // an empty object breaks or passes each schema, but the schemas must be there to say so
            SCHEMAS.checkRequest(action, json.createObjectNode());
            SCHEMAS.checkResponse(action, json.createObjectNode());
        }
    }

    @Test
    void aValidRequestPasses() throws JsonProcessingException {
        assertEquals(Optional.empty(), SCHEMAS.checkRequest("StartTransaction", parse(
                "{\"connectorId\":1,\"idTag\":\"EV-1\",\"meterStart\":1200,\"timestamp\":\"2026-12-03T10:00:00Z\"}")));
        assertEquals(Optional.empty(), SCHEMAS.checkResponse("BootNotification", parse(
                "{\"status\":\"Accepted\",\"currentTime\":\"2026-12-03T10:00:00.000Z\",\"interval\":300}")));
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "BootNotification|{\"chargePointVendor\":\"V\"}|OccurenceConstraintViolation",
        "BootNotification|{\"chargePointVendor\":\"V\",\"chargePointModel\":5}|TypeConstraintViolation",
        "BootNotification|{\"chargePointVendor\":\"VVVVVVVVVVVVVVVVVVVVV\",\"chargePointModel\":\"M\"}"
                + "|PropertyConstraintViolation",
        "BootNotification|{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\",\"colour\":\"red\"}"
                + "|FormationViolation",
        "StatusNotification|{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}"
                + "|PropertyConstraintViolation",
        "StartTransaction|{\"connectorId\":1,\"idTag\":\"EV-1\",\"meterStart\":1,\"timestamp\":\"yesterday\"}"
                + "|TypeConstraintViolation",
        "MeterValues|{\"connectorId\":1,\"meterValue\":[]}|OccurenceConstraintViolation",
    })
    void aBreachIsNamedWithTheCodeForItsKind(String action, String payload, RpcErrorCode expected)
            throws JsonProcessingException {
        RpcException breach = SCHEMAS.checkRequest(action, parse(payload)).orElseThrow();
        assertEquals(expected, breach.code());
        assertTrue(breach.getMessage().matches("(payload|/\\w+): .+"), breach.getMessage());
    }

    @Test
    void anActionOcpp16LacksIsNotImplemented() {
        assertEquals(RpcErrorCode.NotImplemented,
                SCHEMAS.checkRequest("TransactionEvent", json.createObjectNode()).orElseThrow().code());
    }

    private JsonNode parse(String text) throws JsonProcessingException {
        return json.readTree(text);
    }
}
