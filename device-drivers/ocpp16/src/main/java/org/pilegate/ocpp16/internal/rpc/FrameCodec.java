package org.pilegate.ocpp16.internal.rpc;

import java.util.Arrays;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and writes OCPP-J frames. What cannot be read is refused naming what is wrong and where. */
public final class FrameCodec {

    /** The id a CALLERROR carries when the frame it answers had no readable id. */
    public static final String UNKNOWN_ID = "-1";
    private static final int CALL = 2;
    private static final int CALL_RESULT = 3;
    private static final int CALL_ERROR = 4;

    private final ObjectMapper json;

    public FrameCodec(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * @throws Refused with the code to answer and the id to answer it under ({@link #UNKNOWN_ID} if unreadable)
     */
    public RpcFrame decode(String text) {
        JsonNode tree;
        try {
            tree = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refused(UNKNOWN_ID, RpcErrorCode.FormationViolation, "not JSON: "
                    + e.getOriginalMessage());
        }
        if (!(tree instanceof ArrayNode frame) || frame.isEmpty()) {
            throw new Refused(UNKNOWN_ID, RpcErrorCode.FormationViolation, "a message is a JSON array");
        }
        String id = frame.size() > 1 && frame.get(1).isTextual() ? frame.get(1).asText() : UNKNOWN_ID;
        if (id.isEmpty() || id.length() > RpcFrame.MAX_ID_LENGTH) {
            throw new Refused(UNKNOWN_ID, RpcErrorCode.FormationViolation, "[1]: the message id must be 1.."
                    + RpcFrame.MAX_ID_LENGTH + " characters");
        }
        if (!frame.get(0).isInt()) {
            throw new Refused(id, RpcErrorCode.FormationViolation, "[0]: the message type must be 2, 3 or 4");
        }
        if (UNKNOWN_ID.equals(id) && frame.size() > 1 && !frame.get(1).isTextual()) {
            throw new Refused(UNKNOWN_ID, RpcErrorCode.FormationViolation, "[1]: the message id must be a string");
        }
        return switch (frame.get(0).asInt()) {
            case CALL -> {
                expect(frame, 4, id, "[2, id, action, payload]");
                if (!frame.get(2).isTextual() || !frame.get(3).isObject()) {
                    throw new Refused(id, RpcErrorCode.FormationViolation,
                            "a CALL is [2, id, action, payload] with a string action and an object payload");
                }
                yield new RpcFrame.Call(id, frame.get(2).asText(), (ObjectNode)
                        frame.get(3));
            }
            case CALL_RESULT -> {
                expect(frame, 3, id, "[3, id, payload]");
                if (!frame.get(2).isObject()) {
                    throw new Refused(id, RpcErrorCode.FormationViolation, "[2]: a CALLRESULT's payload is an object");
                }
                yield new RpcFrame.CallResult(id, (ObjectNode) frame.get(2));
            }
            case CALL_ERROR -> {
                expect(frame, 5, id, "[4, id, errorCode, errorDescription, errorDetails]");
                RpcErrorCode code = Arrays.stream(RpcErrorCode.values())
                        .filter(c -> c.name().equals(frame.get(2).asText()))
                        .findFirst().orElse(RpcErrorCode.GenericError);
                yield new RpcFrame.CallError(id, code, frame.get(3).asText(), frame.get(4));
            }
            default -> throw new Refused(id, RpcErrorCode.FormationViolation, "[0]: message type "
                    + frame.get(0).asInt() + " is none of 2 (CALL), 3 (CALLRESULT), 4 (CALLERROR)");
        };
    }

    public String encode(RpcFrame frame) {
        ArrayNode out = json.createArrayNode();
        if (frame instanceof RpcFrame.Call call) {
            out.add(CALL).add(call.id()).add(call.action()).add(call.payload());
        } else if (frame instanceof RpcFrame.CallResult result) {
            out.add(CALL_RESULT).add(result.id()).add(result.payload());
        } else if (frame instanceof RpcFrame.CallError error) {
            out.add(CALL_ERROR).add(error.id()).add(error.code().name()).add(error.description()).add(error.details());
        }
        return out.toString();
    }

    private static void expect(ArrayNode frame, int size, String id, String shape) {
        if (frame.size() != size) {
            throw new Refused(id, RpcErrorCode.FormationViolation, "the message has " + frame.size()
                    + " elements, not " + size + ": " + shape);
        }
    }

    /** A frame refused as a whole. */
    public static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient RpcFrame.CallError answer;

        Refused(String id, RpcErrorCode code, String description) {
            super(description, null, false, false);
            this.answer = new RpcFrame.CallError(id, code, description,
                    JsonNodeFactory.instance.objectNode());
        }

        public RpcFrame.CallError answer() {
            return answer;
        }
    }
}
