package org.pilegate.ocpp16.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * StartTransaction, StopTransaction and MeterValues: every transaction is committed to the store before the charge
 * point hears its id, and its meter registers go to the connector's pile, which counts and prices the session from
 * them. A transaction the gateway did not start is billed on its own once stopped, unless a session took it over;
 * one reported late (run while the charge point was offline) leaves the connector's pile alone, as it is over or
 * no session of the pile's is behind it.
 */
final class TransactionHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionHandlers.class);
    /** A start older than this when it arrives was run offline and is reported late. */
    static final Duration REPORTED_LATE = Duration.ofMinutes(1);
    /** What the store keeps of a stop's transactionData at most (ocpp_transaction.transaction_data). */
    private static final int STORED_DATA_CHARS = 1_000_000;

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
        boolean requested = connector.startRequested();
        boolean accepted = requested || context.knownTag().test(idTag);
        boolean late = !requested && at.isBefore(context.clock().instant().minus(REPORTED_LATE));
        int transactionId = context.transactions().start(chargePoint.id(), connector.connectorId(), idTag, meterStart,
                at, requested);
        if (late) {
            LOG.info("{} connector {}: transaction {} of {} started at {}, reported late", chargePoint.id(),
                    connector.connectorId(), transactionId, idTag, at);
        } else if (accepted) {
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
        String reason = request.path("reason").asText("Local");
        Optional<Connector> connector = chargePoint.connectorOfTransaction(transactionId);
        // the timeline first, so the pile has the registers before the stop closes the session
        connector.ifPresent(c -> request.path("transactionData").forEach(value -> c.onMeterValues(
                MeterValues.of(value))));
        Optional<String> data = Optional.ofNullable(request.get("transactionData")).map(TransactionHandlers::kept);
        boolean first = context.transactions().stop(transactionId, meterStop, at, reason, data);
        connector.ifPresent(c -> c.onTransactionStopped(meterStop, at, reason));
        if (first) {
            // a stop queued while the gateway was down comes late: it tells when it was, not now
            LOG.info("{}: transaction {} stopped by the charge point at {}{}, reason {}, register {} Wh",
                    chargePoint.id(), transactionId, at, at.isBefore(context.clock().instant().minus(REPORTED_LATE))
                            ? " (reported late)" : "", reason, meterStop);
        } else {
            LOG.info("{}: transaction {} was reported stopped before; recorded once", chargePoint.id(),
                    transactionId);
        }
        // billed before the charge point hears the stop was taken: a stop sent again finds it billed
        context.billing().bill(transactionId);
        return request.has("idTag") ? context.idTagInfo("Accepted") : context.json().createObjectNode();
    }

    /** The transactionData as stored: every other value dropped until it fits the store's column. */
    private static String kept(JsonNode transactionData) {
        JsonNode values = transactionData;
        while (values.toString().length() > STORED_DATA_CHARS && values.size() > 1) {
            ArrayNode thinned = values.deepCopy();
            thinned.removeAll();
            for (int i = 0; i < values.size(); i += 2) {
                thinned.add(values.get(i));
            }
            values = thinned;
        }
        return values.toString();
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
