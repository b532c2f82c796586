package org.pilegate.ocpp16.internal;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Core profile's actions a charge point sends, but the transactions': boot, heartbeat, status, identification,
 * data transfer. Each is a small handler of its own.
 */
final class CoreHandlers {

    /** How soon a charge point told Pending boots again: the gateway is starting, not refusing it. */
    static final int PENDING_RETRY_S = 10;

    private CoreHandlers() {
    }

    static Map<String, CallHandler> of(HandlerContext context) {
        return Map.of(
                "BootNotification", (chargePoint, request) -> boot(context, chargePoint),
                "Heartbeat", (chargePoint, request) -> context.json().createObjectNode()
                        .put("currentTime", context.now()),
                "StatusNotification", (chargePoint, request) -> status(context, chargePoint, request),
                "Authorize", (chargePoint, request) -> authorize(context, chargePoint, request),
                // polite: the gateway knows no vendor's extensions
                "DataTransfer", (chargePoint, request) -> context.json().createObjectNode()
                        .put("status", "UnknownVendorId"),
                // answered so the charge point does not retry them; the gateway offers no firmware or diagnostics
                "DiagnosticsStatusNotification", (chargePoint, request) -> context.json().createObjectNode(),
                "FirmwareStatusNotification", (chargePoint, request) -> context.json().createObjectNode());
    }

    /** Accepted with the heartbeat interval; Pending, to boot again soon, while the gateway cannot take sessions. */
    private static ObjectNode boot(HandlerContext context, ChargePointLink chargePoint) {
        boolean ready = context.ready().getAsBoolean();
        if (ready) {
            context.afterBoot().accept(chargePoint);
        }
        return context.json().createObjectNode()
                .put("status", ready ? "Accepted" : "Pending")
                .put("currentTime", context.now())
                .put("interval", ready ? context.heartbeatIntervalS().getAsInt() : PENDING_RETRY_S);
    }

    private static ObjectNode status(HandlerContext context, ChargePointLink chargePoint, ObjectNode request) {
        int connectorId = request.get("connectorId").asInt();
        if (connectorId > 0) {
            Connector connector = HandlerContext.connector(chargePoint, connectorId);
            connector.onStatus(request.get("status").asText());
            chargePoint.placeAuthorizedTag(connector);
        }
        return context.json().createObjectNode();
    }

    private static ObjectNode authorize(HandlerContext context, ChargePointLink chargePoint, ObjectNode request) {
        String idTag = request.get("idTag").asText();
        if (!context.knownTag().test(idTag)) {
            return context.idTagInfo("Invalid");
        }
        chargePoint.authorized(idTag);
        return context.idTagInfo("Accepted");
    }
}
