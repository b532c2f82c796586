package org.pilegate.sim.internal.ocpp;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The charge point's end of OCPP-J framing: its CALLs go out numbered and complete with the central system's
 * CALLRESULT (or fail with its CALLERROR); the central system's CALLs go to a handler whose answer goes back.
 * Transport-free: frames in through {@link #receive}, out through the sender given.
 */
final class OcppClient {

    /** Answers the central system's CALLs; an empty answer is a NotImplemented CALLERROR. */
    interface Handler {
        Optional<ObjectNode> handle(String action, ObjectNode payload);
    }

    private final ObjectMapper json;
    private final Consumer<String> sender;
    private final Handler handler;
    private final Map<String, CompletableFuture<ObjectNode>> waiting = new ConcurrentHashMap<>();

    OcppClient(ObjectMapper json, Consumer<String> sender, Handler handler) {
        this.json = json;
        this.sender = sender;
        this.handler = handler;
    }

    CompletionStage<ObjectNode> call(String action, ObjectNode payload) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ArrayNode frame = json.createArrayNode().add(2).add(id).add(action);
        frame.add(payload);
        sender.accept(frame.toString());
        return answer;
    }

    void receive(String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            return; // the central system sends well-formed frames; nothing to answer a broken one with
        }
        int type = frame.path(0).asInt();
        String id = frame.path(1).asText();
        if (type == 2) {
            ArrayNode reply = json.createArrayNode();
            Optional<ObjectNode> answer = handler.handle(frame.path(2).asText(), (ObjectNode) frame.get(3));
            if (answer.isPresent()) {
                reply.add(3).add(id).add(answer.get());
            } else {
                reply.add(4).add(id).add("NotImplemented").add("the simulated charge point does not do "
                        + frame.path(2).asText()).add(json.createObjectNode());
            }
            sender.accept(reply.toString());
        } else {
            CompletableFuture<ObjectNode> answer = waiting.remove(id);
            if (answer != null && type == 3) {
                answer.complete((ObjectNode) frame.get(2));
            } else if (answer != null) {
                answer.completeExceptionally(new IllegalStateException(frame.path(2).asText() + ": "
                        + frame.path(3).asText()));
            }
        }
    }

    /** The connection ended: CALLs still waiting fail. */
    void closed() {
        waiting.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException("disconnected")));
        waiting.clear();
    }
}
