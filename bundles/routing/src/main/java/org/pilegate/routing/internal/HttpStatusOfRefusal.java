package org.pilegate.routing.internal;

import java.util.Map;

/**
 * The one mapping from error code to HTTP status of the terminal REST API. It applies to refusals by the gateway
 * itself ({@link TerminalInboundRoute#REFUSAL}: the message never reached the pile side, or there is no pile side),
 * answered with the error object alone. Whatever the pile side answers, its refusals of the dialogue such as
 * {@code not_bound} included, is 200 with the JSON array of replies, exactly what a WebSocket would receive.
 * <pre>
 * unauthenticated                                401
 * malformed_json, invalid_message, unknown_type  400
 * message_too_large                              413
 * service_unavailable                            503
 * internal_error                                 500
 * any other code                                 400
 * </pre>
 */
final class HttpStatusOfRefusal {

    private static final Map<String, Integer> STATUS_BY_CODE = Map.of(
            "unauthenticated", 401,
            "malformed_json", 400,
            "invalid_message", 400,
            "unknown_type", 400,
            "message_too_large", 413,
            "service_unavailable", 503,
            "internal_error", 500);
    private static final int OTHER_REFUSAL = 400;

    private HttpStatusOfRefusal() {
    }

    static int of(String code) {
        return STATUS_BY_CODE.getOrDefault(code, OTHER_REFUSAL);
    }
}
