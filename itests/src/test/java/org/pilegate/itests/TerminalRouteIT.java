package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.AssociationPrompt;
import org.pilegate.api.terminal.StopRequest;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A driver's app talks to the gateway the way a real one does: over the terminal WebSocket of the shipped
 * distribution, authenticated with a credential issued by the real services, and over the REST API on the same port.
 * Its messages travel the routing bundle's Camel routes to the pile side and back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class TerminalRouteIT extends InsideGateway {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GATEWAY = "127.0.0.1:" + PilegateDistribution.HTTP_PORT;
    private static final List<String> ROUTE_IDS = List.of("terminal-inbound", "terminal-connected",
            "terminal-websocket", "terminal-rest-messages", "terminal-rest-inbox");
    private static final Instant EXPIRES = Instant.parse("2026-11-26T09:00:00Z");

    @Inject
    private CamelContext camel;

    @Test
    public void routesOfTheRoutingBundleRunInTheCamelRuntime() {
        for (String routeId : ROUTE_IDS) {
            Services.awaitTrue("route " + routeId + " started", WAIT,
                    () -> camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Started);
        }
    }

    @Test
    public void terminalTalksToThePileSideOverTheWebSocketAndRest() throws Exception {
        TerminalId terminal = new TerminalId("it-phone-7");
        String credential = registerAndIssueCredential(terminal);
        PileSide pileSide = new PileSide();
        ServiceRegistration<TerminalRequestHandler> registration = registerPileSide(pileSide);
        try (TerminalClient socket = TerminalClient.open(WAIT)) {
            socket.send("{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}");
            assertEquals(TerminalClient.json("{\"type\":\"authenticated\",\"terminal\":\"it-phone-7\"}"),
                    socket.next(WAIT));
            assertEquals(promptJson("greeting-for-it-phone-7"), socket.next(WAIT));

            socket.send("{\"type\":\"stop_request\",");
            assertEquals("malformed_json", socket.next(WAIT).path("code").asText());

            socket.send("{\"type\":\"stop_request\",\"session\":\"s-1\"}");
            assertEquals(promptJson("reply-to-s-1"), socket.next(WAIT));
            assertEquals(1, pileSide.received.size());
            assertTrue(pileSide.received.get(0) instanceof StopRequest);

            TerminalOutbox outbox = Services.await(context, TerminalOutbox.class, null, WAIT);
            assertTrue(outbox.push(terminal, prompt("pushed")));
            assertEquals(promptJson("pushed"), socket.next(WAIT));
            assertFalse(outbox.push(new TerminalId("it-nobody"), prompt("lost")));

            HttpResponse<String> rest = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://" + GATEWAY + "/api/terminal/messages"))
                            .header("Authorization", "Bearer " + credential)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"type\":\"stop_request\",\"session\":\"s-2\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(rest.body(), 200, rest.statusCode());
            assertEquals(TerminalClient.json("[" + promptJson("reply-to-s-2") + "]"),
                    TerminalClient.json(rest.body()));

            socket.assertNothingWithin(Duration.ofMillis(300));
        } finally {
            registration.unregister();
        }
    }

    /**
     * What plain HTTP serves, HTTPS serves: a terminal over WSS and REST, and /health, each HTTPS answer with HSTS;
     * TLS 1.1 is refused; a terminal guessed at is locked, its valid credential included; plain HTTP listens on
     * loopback only.
     */
    @Test
    public void theTerminalApiAndHealthAnswerOverTlsOnlyWhilePlainHttpStaysOnThisMachine() throws Exception {
        TerminalId terminal = new TerminalId("it-phone-8");
        String credential = registerAndIssueCredential(terminal);
        ServiceRegistration<TerminalRequestHandler> registration = registerPileSide(new PileSide());
        HttpClient https = GatewayTls.client();
        String secure = "127.0.0.1:" + PilegateDistribution.TLS_PORT;
        try (TerminalClient socket = TerminalClient.open(https, URI.create("wss://" + secure + "/api/terminal/ws"),
                WAIT)) {
            socket.send("{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}");
            assertEquals("authenticated", socket.next(WAIT).path("type").asText());

            HttpResponse<String> rest = https.send(HttpRequest.newBuilder(
                    URI.create("https://" + secure + "/api/terminal/messages"))
                    .header("Authorization", "Bearer " + credential)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"stop_request\",\"session\":\"s-3\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(rest.body(), 200, rest.statusCode());
            assertEquals(TerminalClient.json("[" + promptJson("reply-to-s-3") + "]"), TerminalClient.json(rest.body()));
            assertEquals("max-age=31536000", rest.headers().firstValue("Strict-Transport-Security").orElse(""));
        } finally {
            registration.unregister();
        }
        HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://" + secure + "/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> plainHealth = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + GATEWAY + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(health.body(), TerminalClient.json(health.body()).path("status").isTextual());
        assertEquals("the same health over HTTPS", plainHealth.statusCode(), health.statusCode());
        assertTrue(health.headers().firstValue("Strict-Transport-Security").isPresent());
        assertFalse("no HSTS over plain HTTP", plainHealth.headers().firstValue("Strict-Transport-Security")
                .isPresent());

        int answer = GatewayTls.answerToTls11(PilegateDistribution.TLS_PORT);
        assertTrue("TLS 1.1 is refused with an alert or a close, not a ServerHello: " + answer,
                answer == GatewayTls.ALERT || answer == -1);

        for (int i = 0; i < 5; i++) {
            assertEquals(401, restWithCredential(https, secure, "it-phone-8.guess-" + i).statusCode());
        }
        HttpResponse<String> locked = restWithCredential(https, secure, credential);
        assertEquals(locked.body(), 429, locked.statusCode());
        assertEquals("too_many_attempts", TerminalClient.json(locked.body()).path("code").asText());

        Optional<InetAddress> outward = outwardAddress();
        if (outward.isPresent()) {
            try (Socket tls = new Socket(outward.get(), PilegateDistribution.TLS_PORT)) {
                assertTrue("HTTPS answers on " + outward.get(), tls.isConnected());
            }
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(outward.get(), PilegateDistribution.HTTP_PORT), 5_000);
                fail("plain HTTP answered on " + outward.get());
            } catch (ConnectException refused) {
                // plain HTTP is for this machine only
            }
        } else {
            org.osgi.service.cm.Configuration routing = Services.await(context, ConfigurationAdmin.class, null, WAIT)
                    .getConfiguration("org.pilegate.routing", null);
            assertEquals("127.0.0.1", routing.getProperties().get("host"));
        }
    }

    private static HttpResponse<String> restWithCredential(HttpClient https, String secure, String credential)
            throws Exception {
        return https.send(HttpRequest.newBuilder(URI.create("https://" + secure + "/api/terminal/inbox"))
                .header("Authorization", "Bearer " + credential).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An IPv4 address of this machine other than loopback, if it has one. */
    private static Optional<InetAddress> outwardAddress() throws SocketException {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst();
    }

    private ServiceRegistration<TerminalRequestHandler> registerPileSide(PileSide pileSide) {
        Dictionary<String, Object> aheadOfThePileBundle = new Hashtable<>();
        aheadOfThePileBundle.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        return context.registerService(TerminalRequestHandler.class, pileSide, aheadOfThePileBundle);
    }

    private String registerAndIssueCredential(TerminalId terminal) {
        VehicleRegistry registry = Services.await(context, VehicleRegistry.class, null, WAIT);
        AccountId account = new AccountId("it-account-7");
        registry.registerAccount(account, "Integration test driver");
        registry.registerTerminal(terminal, account);
        return Services.await(context, TerminalCredentials.class, null, WAIT).issue(terminal);
    }

    private static AssociationPrompt prompt(String token) {
        return new AssociationPrompt(new PileId("bay-01"), token, EXPIRES);
    }

    private static JsonNode promptJson(String token) throws JsonProcessingException {
        return TerminalClient.json("{\"type\":\"association_prompt\",\"pile\":\"bay-01\",\"associationToken\":\"" + token
                + "\",\"expiresAt\":\"2026-11-26T09:00:00Z\"}");
    }

    /** Stands in for the session service's handler, which ranks below it; answers on another thread, as it does. */
    private static final class PileSide implements TerminalRequestHandler {

        final List<TerminalInbound> received = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<List<TerminalOutbound>> handle(TerminalId terminal, TerminalInbound request) {
            received.add(request);
            String session = request instanceof StopRequest stop ? stop.session().value() : request.type();
            return CompletableFuture.supplyAsync(() -> List.of(prompt("reply-to-" + session)));
        }

        @Override
        public CompletionStage<List<TerminalOutbound>> connected(TerminalId terminal) {
            return CompletableFuture.supplyAsync(() -> List.of(prompt("greeting-for-" + terminal)));
        }
    }
}
