package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;

class TerminalInboundRouteTest {

    private static final String STOP = "{\"type\":\"stop_request\",\"session\":\"s-42\"}";

    private final TerminalInboundRoute route = new TerminalInboundRoute();
    private final List<TerminalInbound> received = new CopyOnWriteArrayList<>();
    private DefaultCamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startRoute() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(route);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stopRoute() {
        camel.stop();
    }

    @Test
    void requestReachesThePileSideAndItsRepliesComeBackInOrder() {
        bindPileSide((terminal, request) -> {
            received.add(request);
            return List.of(prompt("t1"), prompt("t2"));
        });

        List<?> replies = send(STOP, "phone-1");

        assertEquals(List.of(new StopRequest(new SessionId("s-42"))), received);
        assertEquals(2, replies.size());
        assertTrue(replies.get(0).toString().contains("\"associationToken\":\"t1\""));
        assertTrue(replies.get(1).toString().contains("\"associationToken\":\"t2\""));
    }

    @Test
    void malformedMessageGetsAnErrorFrameAndThePileSideNothing() {
        bindPileSide((terminal, request) -> {
            received.add(request);
            return List.of();
        });

        List<?> replies = send("{\"type\":", "phone-1");

        assertTrue(received.isEmpty());
        assertEquals(1, replies.size());
        assertTrue(replies.get(0).toString().startsWith("{\"type\":\"error\",\"code\":\"malformed_json\""),
                replies.get(0).toString());
        // the route keeps serving
        assertEquals(List.of(), send(STOP, "phone-1"));
    }

    @Test
    void withoutPileSideTheTerminalIsToldToRetry() {
        Exchange reply = request(STOP, "phone-1");
        String frame = reply.getMessage().getBody(List.class).get(0).toString();
        assertTrue(frame.contains("\"code\":\"service_unavailable\""), frame);
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, reply.getMessage().getHeader(TerminalInboundRoute.REFUSAL));
    }

    @Test
    void replyOfTheOneErrorOfThePileSideIsMarkedWithItsCode() {
        bindPileSide((terminal, request) -> List.of(new ErrorReply(ErrorCode.NOT_BOUND, "not yours")));

        Exchange reply = request(STOP, "phone-1");

        assertEquals(ErrorCode.NOT_BOUND, reply.getMessage().getHeader(TerminalInboundRoute.REFUSAL));
        assertEquals(List.of("{\"type\":\"error\",\"code\":\"not_bound\",\"message\":\"not yours\"}"),
                reply.getMessage().getBody(List.class));
    }

    @Test
    void replyOfSeveralFramesIsNotMarkedEvenWithAnErrorAmongThem() {
        bindPileSide((terminal, request) -> List.of(prompt("t1"), new ErrorReply(ErrorCode.TOKEN_STALE, "stale")));

        assertNull(request(STOP, "phone-1").getMessage().getHeader(TerminalInboundRoute.REFUSAL));
    }

    @Test
    void refusalThrownByThePileSideBecomesItsErrorFrame() {
        bindPileSide((terminal, request) -> {
            throw new Refusal(ErrorCode.PILE_BUSY, "pile bay-07 is in use by another terminal");
        });

        Exchange reply = request(STOP, "phone-1");

        assertEquals(ErrorCode.PILE_BUSY, reply.getMessage().getHeader(TerminalInboundRoute.REFUSAL));
        assertEquals(List.of("{\"type\":\"error\",\"code\":\"pile_busy\","
                + "\"message\":\"pile bay-07 is in use by another terminal\"}"),
                reply.getMessage().getBody(List.class));
    }

    @Test
    void newConnectionSeesWhatThePileSideHasForItsTerminal() {
        PileSideStub.bind(route, new PileSideStub((terminal, request) -> List.of(),
                terminal -> List.of(prompt("for-" + terminal))));

        Exchange reply = producer.request(TerminalInboundRoute.CONNECTED_ENDPOINT,
                exchange -> exchange.getMessage().setHeader(TerminalInboundRoute.TERMINAL_ID, "phone-1"));

        List<?> replies = reply.getMessage().getBody(List.class);
        assertEquals(1, replies.size());
        assertTrue(replies.get(0).toString().contains("\"associationToken\":\"for-phone-1\""));
        assertNull(reply.getMessage().getHeader(TerminalInboundRoute.REFUSAL), "the pile side's answer is no refusal");
    }

    @Test
    void messageWithoutTerminalIdentityIsRefused() {
        List<?> replies = camel.createProducerTemplate().requestBody(TerminalInboundRoute.ENDPOINT, STOP, List.class);
        assertTrue(replies.get(0).toString().contains("\"code\":\"unauthenticated\""), replies.get(0).toString());
    }

    @Test
    void pileSideFailureBecomesAnInternalErrorWithoutDetails() {
        bindPileSide((terminal, request) -> {
            throw new IllegalStateException("database password is hunter2");
        });

        String reply = send(STOP, "phone-1").get(0).toString();

        assertTrue(reply.contains("\"code\":\"internal_error\""), reply);
        assertTrue(!reply.contains("hunter2") && !reply.contains("Exception"), reply);
    }

    private Exchange request(String body, String terminal) {
        return producer.request(TerminalInboundRoute.ENDPOINT, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(TerminalInboundRoute.TERMINAL_ID, terminal);
        });
    }

    private List<?> send(String body, String terminal) {
        return producer.requestBodyAndHeaders(TerminalInboundRoute.ENDPOINT, body,
                Map.of(TerminalInboundRoute.TERMINAL_ID, terminal), List.class);
    }

    private void bindPileSide(BiFunction<TerminalId, TerminalInbound, List<TerminalOutbound>> onRequest) {
        PileSideStub.bind(route, PileSideStub.answering(onRequest));
    }

    private static AssociationPrompt prompt(String token) {
        return new AssociationPrompt(new PileId("bay-07"), token, Instant.parse("2026-11-26T08:00:00Z"));
    }

}
