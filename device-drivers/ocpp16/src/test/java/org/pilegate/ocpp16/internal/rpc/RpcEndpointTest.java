package org.pilegate.ocpp16.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.ocpp16.internal.Stages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class RpcEndpointTest {

    private static final String BOOT = "{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}";

    private final ObjectMapper json = new ObjectMapper();
    private final SharedThreads threads = new SharedThreads(2);
    private final LinkedBlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final List<String> closes = new CopyOnWriteArrayList<>();
    private final AtomicInteger handled = new AtomicInteger();
    private final RpcEndpoint.Transport transport = new RpcEndpoint.Transport() {
        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void close(short status, String reason) {
            closes.add(status + " " + reason);
        }
    };

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void aCallIsAnsweredWithTheHandlersResult() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        endpoint.receive("[2,\"1\",\"BootNotification\"," + BOOT + "]");
        JsonNode answer = next();
        assertEquals(3, answer.get(0).asInt());
        assertEquals("1", answer.get(1).asText());
        assertEquals("Accepted", answer.get(2).get("status").asText());
    }

    @Test
    void aCallWhoseIdWasAnsweredGetsTheSameAnswerAndIsNotCarriedOutAgain() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        endpoint.receive("[2,\"42\",\"BootNotification\"," + BOOT + "]");
        String first = sent.poll(5, TimeUnit.SECONDS);
        endpoint.receive("[2,\"42\",\"BootNotification\"," + BOOT + "]");
        assertEquals(first, sent.poll(5, TimeUnit.SECONDS));
        assertEquals(1, handled.get());
    }

    @Test
    void aPayloadBreakingItsSchemaIsRefusedAndTheConnectionGoesOn() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        endpoint.receive("[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"V\"}]");
        JsonNode refused = next();
        assertEquals(4, refused.get(0).asInt());
        assertEquals("OccurenceConstraintViolation", refused.get(2).asText());
        assertTrue(refused.get(3).asText().contains("chargePointModel"), refused.get(3).asText());
        assertEquals(0, handled.get());

        endpoint.receive("[2,\"2\",\"BootNotification\"," + BOOT + "]");
        assertEquals(3, next().get(0).asInt());
        assertEquals(List.of(), closes);
    }

    @Test
    void garbageIsAnsweredUnderIdMinusOne() throws Exception {
        endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted()).receive("}{");
        JsonNode refused = next();
        assertEquals("-1", refused.get(1).asText());
        assertEquals("FormationViolation", refused.get(2).asText());
    }

    @Test
    void aHandlerFailureIsAnInternalErrorWithAReferenceNotAStackTrace() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> {
            throw new IllegalStateException("disk on fire at org.pilegate.Something");
        });
        endpoint.receive("[2,\"1\",\"BootNotification\"," + BOOT + "]");
        JsonNode refused = next();
        assertEquals("InternalError", refused.get(2).asText());
        assertTrue(refused.get(3).asText().matches("BootNotification: internal_error, reference [0-9a-f]{8}"),
                refused.get(3).asText());
    }

    @Test
    void aHandlerRefusalCarriesItsCode() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> {
            throw new RpcException(RpcErrorCode.NotSupported, "not here");
        });
        endpoint.receive("[2,\"1\",\"Reset\",{\"type\":\"Soft\"}]");
        assertEquals("NotSupported", next().get(2).asText());
    }

    @Test
    void theGatewaysCallsGoOutOneAtATime() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        CompletionStage<ObjectNode> first = endpoint.call("Reset", reset());
        CompletionStage<ObjectNode> second = endpoint.call("Reset", reset());
        JsonNode call = next();
        assertEquals("Reset", call.get(2).asText());
        assertEquals(null, sent.poll(200, TimeUnit.MILLISECONDS), "the second waits for the first's answer");

        endpoint.receive("[3,\"" + call.get(1).asText() + "\",{\"status\":\"Accepted\"}]");
        assertEquals("Accepted", first.toCompletableFuture().get(5, TimeUnit.SECONDS).get("status").asText());
        JsonNode secondCall = next();
        endpoint.receive("[4,\"" + secondCall.get(1).asText() + "\",\"NotSupported\",\"no reset here\",{}]");
        assertEquals(RpcErrorCode.NotSupported, assertInstanceOf(RpcException.class, Stages.failure(second)).code());
        assertTrue(!call.get(1).asText().equals(secondCall.get(1).asText()), "ids are unique");
    }

    @Test
    void aCallNotAnsweredInTimeFailsAndTheNextGoesOut() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofMillis(300), 30, (action, payload) -> accepted());
        CompletionStage<ObjectNode> unanswered = endpoint.call("Reset", reset());
        endpoint.call("Reset", reset());
        next();
        Refusal refusal = assertInstanceOf(Refusal.class, Stages.failure(unanswered));
        assertEquals(ErrorCode.CHARGE_POINT_REFUSED, refusal.code());
        assertEquals("Reset", next().get(2).asText());
    }

    @Test
    void anAnswerBreakingItsSchemaFailsTheCall() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        CompletionStage<ObjectNode> call = endpoint.call("Reset", reset());
        endpoint.receive("[3,\"" + next().get(1).asText() + "\",{\"status\":\"Maybe\"}]");
        assertEquals(RpcErrorCode.PropertyConstraintViolation,
                assertInstanceOf(RpcException.class, Stages.failure(call)).code());
    }

    @Test
    void aPeerThatFloodsCallsHasThoseBeyondTheWaitingOnesRefusedAndIsDisconnectedPastItsBudget() throws Exception {
        CompletableFuture<ObjectNode> never = new CompletableFuture<>();
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 3, (action, payload) -> never);
        for (int i = 0; i < RpcEndpoint.MAX_WAITING_CALLS + 3; i++) {
            endpoint.receive("[2,\"h" + i + "\",\"Heartbeat\",{}]");
        }
        for (int i = 0; i < 3; i++) {
            JsonNode refused = next();
            assertEquals(4, refused.get(0).asInt());
            assertEquals("GenericError", refused.get(2).asText());
        }
        assertEquals(List.of(), closes, "within its budget");
        endpoint.receive("[2,\"h-last\",\"Heartbeat\",{}]");
        assertEquals(List.of("1008 too many invalid messages"), closes);
        Thread.sleep(300);
        assertEquals(1, handled.get(), "one CALL at a time reached the handler, the others wait in its lane");
    }

    @Test
    void aPeerThatKeepsSendingGarbageIsDisconnected() throws Exception {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 3, (action, payload) -> accepted());
        for (int i = 0; i < 3; i++) {
            endpoint.receive("garbage");
        }
        assertEquals(List.of(), closes);
        endpoint.receive("garbage");
        assertEquals(List.of("1008 too many invalid messages"), closes);
    }

    @Test
    void callsStillWaitingFailWhenTheConnectionCloses() {
        RpcEndpoint endpoint = endpoint(Duration.ofSeconds(5), 30, (action, payload) -> accepted());
        CompletionStage<ObjectNode> waiting = endpoint.call("Reset", reset());
        endpoint.closed();
        Refusal refusal = assertInstanceOf(Refusal.class, Stages.failure(waiting));
        assertEquals(ErrorCode.CHARGE_POINT_OFFLINE, refusal.code());
    }

    private RpcEndpoint endpoint(Duration timeout, int refusals, RpcEndpoint.Dispatcher dispatcher) {
        return new RpcEndpoint("CP-1", new FrameCodec(json), new OcppSchemas(), transport, (action, payload) -> {
            handled.incrementAndGet();
            return dispatcher.handle(action, payload);
        }, threads, timeout, new RefusalBudget(refusals, Clock.systemUTC()));
    }

    private CompletionStage<ObjectNode> accepted() {
        return CompletableFuture.completedFuture(json.createObjectNode().put("status", "Accepted")
                .put("currentTime", "2026-12-03T10:00:00Z").put("interval", 300));
    }

    private ObjectNode reset() {
        return json.createObjectNode().put("type", "Soft");
    }

    private JsonNode next() throws Exception {
        String text = sent.poll(5, TimeUnit.SECONDS);
        assertTrue(text != null, "nothing was sent");
        return json.readTree(text);
    }
}
