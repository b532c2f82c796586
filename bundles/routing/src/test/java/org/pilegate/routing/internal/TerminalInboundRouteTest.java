package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalRequestHandler;

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
    void requestReachesThePileSideAndItsRepliesComeBackInOrder() throws Exception {
        bindPileSide((terminal, request) -> {
            received.add(request);
            return List.of(new AssociationPrompt(new PileId("bay-07"), "t1", Instant.parse("2026-11-26T08:00:00Z")),
                    new AssociationPrompt(new PileId("bay-07"), "t2", Instant.parse("2026-11-26T08:00:00Z")));
        });

        List<?> replies = send(STOP, "phone-1");

        assertEquals(List.of(new StopRequest(new SessionId("s-42"))), received);
        assertEquals(2, replies.size());
        assertTrue(replies.get(0).toString().contains("\"associationToken\":\"t1\""));
        assertTrue(replies.get(1).toString().contains("\"associationToken\":\"t2\""));
    }

    @Test
    void malformedMessageGetsAnErrorFrameAndThePileSideNothing() throws Exception {
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
        List<?> replies = send(STOP, "phone-1");
        assertTrue(replies.get(0).toString().contains("\"code\":\"service_unavailable\""), replies.get(0).toString());
    }

    @Test
    void messageWithoutTerminalIdentityIsRefused() {
        List<?> replies = camel.createProducerTemplate().requestBody(TerminalInboundRoute.ENDPOINT, STOP, List.class);
        assertTrue(replies.get(0).toString().contains("\"code\":\"unauthenticated\""), replies.get(0).toString());
    }

    @Test
    void pileSideFailureBecomesAnInternalErrorWithoutDetails() throws Exception {
        bindPileSide((terminal, request) -> {
            throw new IllegalStateException("database password is hunter2");
        });

        String reply = send(STOP, "phone-1").get(0).toString();

        assertTrue(reply.contains("\"code\":\"internal_error\""), reply);
        assertTrue(!reply.contains("hunter2") && !reply.contains("Exception"), reply);
    }

    private List<?> send(String body, String terminal) {
        return producer.requestBodyAndHeaders(TerminalInboundRoute.ENDPOINT, body,
                Map.of(TerminalInboundRoute.TERMINAL_ID, terminal), List.class);
    }

    private void bindPileSide(TerminalRequestHandler handler) throws ReflectiveOperationException {
        // what DS does for the dynamic reference
        Field field = TerminalInboundRoute.class.getDeclaredField("pileSide");
        field.setAccessible(true);
        field.set(route, handler);
    }

}
