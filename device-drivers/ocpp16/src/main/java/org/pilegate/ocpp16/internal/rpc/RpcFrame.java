package org.pilegate.ocpp16.internal.rpc;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One OCPP-J message: {@code [2, id, action, payload]}, {@code [3, id, payload]} or {@code [4, id, code, text, details]}. */
public sealed interface RpcFrame {

    /** Message ids are strings of at most 36 characters. */
    int MAX_ID_LENGTH = 36;

    String id();

    record Call(String id, String action, ObjectNode payload) implements RpcFrame {
        public Call {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(payload, "payload");
        }
    }

    record CallResult(String id, ObjectNode payload) implements RpcFrame {
        public CallResult {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(payload, "payload");
        }
    }

    record CallError(String id, RpcErrorCode code, String description, JsonNode details) implements RpcFrame {
        public CallError {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(details, "details");
        }
    }
}
