package org.pilegate.ocpp16.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * StartTransaction, StopTransaction and MeterValues: every transaction is committed to the store before the charge
 * point hears its id, and its meter registers go to the connector's pile, which counts and prices the session from
 * them.
 */
final class TransactionHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionHandlers.class);

    private TransactionHandlers() {
    }

    static Map<String, CallHandler> of(HandlerContext context) {
        return Map.of(
                "StartTransaction", (chargePoint, request) -> start(context, chargePoint, request),
                "StopTransaction", (chargePoint, request) -> stop(context, chargePoint, request),
                "MeterValues", (chargePoint, request) -> meterValues(context, chargePoint, request));
    }

    private static ObjectNode start(HandlerContext context, ChargePointLink chargePoint, ObjectNode request) {
        Connector connector = HandlerContext.connector(chargePoint, request.get("connectorId").asInt());
        String idTag = request.get("idTag").asText();
        long meterStart = request.get("meterStart").asLong();
        Instant at = Instant.parse(request.get("timestamp").asText());
        // a start the gateway asked for, or one a registered vehicle began; any other is recorded and refused
        boolean accepted = connector.startRequested() || context.knownTag().test(idTag);
        int transactionId = context.transactions().start(chargePoint.id(), connector.connectorId(), idTag, meterStart,
                at);
        if (accepted) {
            connector.onTransactionStarted(transactionId, idTag, meterStart, at);
        } else {
            LOG.info("{} connector {}: transaction {} of unknown idTag {} refused", chargePoint.id(),
                    connector.connectorId(), transactionId, idTag);
        }
        ObjectNode answer = context.idTagInfo(accepted ? "Accepted" : "Invalid");
        answer.put("transactionId", transactionId);
        return answer;
    }

    private static ObjectNode stop(HandlerContext context, ChargePointLink chargePoint, ObjectNode request) {
        int transactionId = request.get("transactionId").asInt();
        long meterStop = request.get("meterStop").asLong();
        Instant at = Instant.parse(request.get("timestamp").asText());
        Optional<Connector> connector = chargePoint.connectorOfTransaction(transactionId);
        // the timeline first, so the pile has the registers before the stop closes the session
        connector.ifPresent(c -> request.path("transactionData").forEach(value -> c.onMeterValues(
                MeterValues.of(value))));
        boolean first = context.transactions().stop(transactionId, meterStop, at, request.path("reason")
                .asText("Local"));
        connector.ifPresent(c -> c.onTransactionStopped(meterStop, at));
        if (!first) {
            LOG.info("{}: transaction {} was reported stopped before; recorded once", chargePoint.id(),
                    transactionId);
        }
        return request.has("idTag") ? context.idTagInfo("Accepted") : context.json().createObjectNode();
    }

    private static ObjectNode meterValues(HandlerContext context, ChargePointLink chargePoint, ObjectNode request) {
        int connectorId = request.get("connectorId").asInt();
        if (connectorId > 0) {
            Connector connector = HandlerContext.connector(chargePoint, connectorId);
            for (JsonNode value : request.get("meterValue")) {
                connector.onMeterValues(MeterValues.of(value));
            }
        }
        return context.json().createObjectNode();
    }
}
