package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.ocpp16.internal.rpc.FrameCodec;
import org.pilegate.ocpp16.internal.rpc.OcppSchemas;
import org.pilegate.routing.internal.GatewayHttpFixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The handshake and a first exchange on the gateway's real HTTP server, with a plain Java WebSocket client. */
class OcppHandshakeTest {

    private static final ChargePointId ID = new ChargePointId("CP-1");
    private static final String PASSWORD = "s3cret-s3cret-s3cret";

    private final HandlersFixture handlers = new HandlersFixture();
    private final GatewayHttpFixture http = new GatewayHttpFixture();
    private final AutoCloseable served;

    OcppHandshakeTest() {
        ChargePointConnections connections = new ChargePointConnections(new FrameCodec(new ObjectMapper()),
                new OcppSchemas(), handlers.handlers, handlers.threads,
                () -> new OcppSetup(300, Duration.ofSeconds(5), Duration.ofSeconds(10), 30, 3, 230), Clock.systemUTC());
        served = http.http().serveWebSockets(OcppHandshake.PATH, new OcppHandshake(
                (id, password) -> id.equals(ID) && password.equals(PASSWORD),
                (id, socket) -> connections.accept(handlers.link, socket)));
    }

    @AfterEach
    void close() throws Exception {
        served.close();
        http.close();
        handlers.close();
    }

    @Test
    void aRegisteredChargePointWithItsPasswordConnectsAndBoots() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket socket = connect("CP-1", basic("CP-1", PASSWORD), List.of("ocpp1.6"), received)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("ocpp1.6", socket.getSubprotocol());

        socket.sendText("[2,\"b1\",\"BootNotification\",{\"chargePointVendor\":\"V\",\"chargePointModel\":\"M\"}]",
                true);
        String answer = received.poll(10, TimeUnit.SECONDS);
        assertTrue(answer != null && answer.startsWith("[3,\"b1\",{\"status\":\"Accepted\""), answer);
        assertTrue(handlers.link.isConnected());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWrongPasswordIsRefusedAtTheHandshake() {
        assertEquals(401, refusedStatus(connect("CP-1", basic("CP-1", "guess"), List.of("ocpp1.6"),
                new LinkedBlockingQueue<>())));
    }

    @Test
    void anUnknownChargePointIsRefusedAtTheHandshakeAsAWrongPasswordIs() {
        assertEquals(401, refusedStatus(connect("CP-9", basic("CP-9", PASSWORD), List.of("ocpp1.6"),
                new LinkedBlockingQueue<>())));
    }

    @Test
    void noCredentialIsRefusedAtTheHandshake() {
        assertEquals(401, refusedStatus(connect("CP-1", null, List.of("ocpp1.6"), new LinkedBlockingQueue<>())));
    }

    @Test
    void anotherSubprotocolIsRefusedAtTheHandshake() {
        assertEquals(400, refusedStatus(connect("CP-1", basic("CP-1", PASSWORD), List.of("ocpp2.0.1"),
                new LinkedBlockingQueue<>())));
    }

    private CompletionStage<WebSocket> connect(String id, String authorization, List<String> subprotocols,
            LinkedBlockingQueue<String> received) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(10));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        URI uri = URI.create(http.uri("/ocpp/" + id).toString().replaceFirst("^http", "ws"));
        return builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.add(data.toString());
                webSocket.request(1);
                return null;
            }
        });
    }

    private static int refusedStatus(CompletionStage<WebSocket> connecting) {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> connecting.toCompletableFuture().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketHandshakeException.class, failed.getCause()).getResponse().statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
