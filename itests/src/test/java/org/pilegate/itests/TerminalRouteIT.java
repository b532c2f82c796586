package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalRequestHandler;

/**
 * A terminal's message travels the Camel route that the routing bundle registers as a DS component, inside the
 * Camel runtime bundle that pilegate builds from the plain Camel jars.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TerminalRouteIT {

    private static final String ENDPOINT = "direct:terminal-inbound";
    private static final String TERMINAL_ID = "PilegateTerminalId";
    private static final String STOP = "{\"type\":\"stop_request\",\"session\":\"s-1\"}";

    @Inject
    private BundleContext bundleContext;

    @Inject
    private CamelContext camel;

    @Configuration
    public Option[] configuration() {
        return PilegateDistribution.options();
    }

    @Test
    public void routeRegisteredByTheRoutingBundleIsRunning() {
        assertEquals(ServiceStatus.Started, camel.getRouteController().getRouteStatus("terminal-inbound"));
    }

    @Test
    public void malformedMessageGetsAStructuredErrorFrame() {
        String reply = send("{\"type\":\"stop_request\",", "phone-1").get(0).toString();
        assertTrue(reply, reply.startsWith("{\"type\":\"error\",\"code\":\"malformed_json\""));
    }

    @Test
    public void requestReachesThePileSideServiceAndRepliesReturn() {
        List<TerminalInbound> received = new CopyOnWriteArrayList<>();
        Instant expires = Instant.parse("2026-11-26T09:00:00Z");
        TerminalRequestHandler pileSide = (TerminalId terminal, TerminalInbound request) -> {
            received.add(request);
            return List.of(new AssociationPrompt(new PileId("bay-01"), "token-for-" + terminal.value(), expires));
        };
        ServiceRegistration<TerminalRequestHandler> registration =
                bundleContext.registerService(TerminalRequestHandler.class, pileSide, null);
        try {
            List<?> replies = send(STOP, "phone-7");

            assertEquals(1, received.size());
            assertEquals("s-1", received.get(0) instanceof org.pilegate.api.terminal.StopRequest stop
                    ? stop.session().value() : "not a stop request: " + received.get(0));
            assertEquals(List.of("{\"type\":\"association_prompt\",\"pile\":\"bay-01\","
                    + "\"associationToken\":\"token-for-phone-7\",\"expiresAt\":\"2026-11-26T09:00:00Z\"}"), replies);
        } finally {
            registration.unregister();
        }
        String reply = send(STOP, "phone-7").get(0).toString();
        assertTrue(reply, reply.contains("\"code\":\"service_unavailable\""));
    }

    @Test
    public void webSocketEndpointsRunInTheCamelRuntime() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String endpoint = "vertx-websocket:127.0.0.1:" + port + "/echo";
        RouteBuilder echo = new RouteBuilder() {
            @Override
            public void configure() {
                from(endpoint).routeId("itest-echo")
                        .setBody(simple("echo ${body}"))
                        .to(endpoint);
            }
        };
        ServiceRegistration<RouteBuilder> registration =
                bundleContext.registerService(RouteBuilder.class, echo, null);
        try {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket socket = awaitSocket(port, reply);
            socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
            assertEquals("echo hello", reply.get(10, TimeUnit.SECONDS));
            socket.abort();
        } finally {
            registration.unregister();
        }
    }

    private static WebSocket awaitSocket(int port, CompletableFuture<String> reply)
            throws InterruptedException {
        URI uri = URI.create("ws://127.0.0.1:" + port + "/echo");
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data,
                    boolean last) {
                reply.complete(data.toString());
                return null;
            }
        };
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, listener)
                        .get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no WebSocket at " + uri, notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    private List<?> send(String body, String terminal) {
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            return producer.requestBodyAndHeaders(ENDPOINT, body, Map.of(TERMINAL_ID, terminal), List.class);
        } finally {
            try {
                producer.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
