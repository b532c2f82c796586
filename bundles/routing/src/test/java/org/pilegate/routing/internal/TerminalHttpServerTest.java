package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class TerminalHttpServerTest {

    @Test
    void invalidSettingsAreRefusedNamingPidKeyAndWhy() {
        assertEquals("org.pilegate.routing: port: 0 is not 1..65535",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("0.0.0.0", 0)).getMessage());
        assertEquals("org.pilegate.routing: port: 70000 is not 1..65535",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("0.0.0.0", 70000)).getMessage());
        assertEquals("org.pilegate.routing: host: 'gate way' is not a host name or IP address"
                        + " (0.0.0.0 listens on every IPv4 interface)",
                assertThrows(IllegalArgumentException.class, () -> new ListenAddress("gate way", 8181)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 8181));
    }

    @Test
    void takenPortIsRefusedClearly() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try (ServerSocket taken = new ServerSocket(0)) {
            ListenAddress address = new ListenAddress("127.0.0.1", taken.getLocalPort());

            String message = assertThrows(IllegalStateException.class,
                    () -> new TerminalHttpServer(camel, address)).getMessage();

            assertTrue(message.startsWith("org.pilegate.routing: host/port: cannot listen on " + address), message);
        } finally {
            camel.stop();
        }
    }

    @Test
    void endpointBelowAPathServesTheWholeTreeAndAnExactOneOnlyItsPath() {
        try (GatewayHttpFixture server = new GatewayHttpFixture()) {
            server.add(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.http().httpUriBelow("/files", "GET")).setBody(header(Exchange.HTTP_PATH));
                    from(server.http().httpUri("/exact", "GET")).setBody(constant("exact"));
                }
            });

            assertEquals("/files/a/b.txt", server.get("/files/a/b.txt").body());
            assertEquals(200, server.get("/files").statusCode());
            assertEquals("exact", server.get("/exact").body());
            assertEquals(404, server.get("/exact/below").statusCode());
            assertEquals(405, server.post("/files/a", "{}").statusCode());
        }
    }

    @Test
    void aClientAskingForHttp2OverCleartextIsUpgradedAndAnswered() throws Exception {
        try (GatewayHttpFixture server = new GatewayHttpFixture()) {
            server.add(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.http().httpUri("/exact", "GET")).setBody(constant("exact"));
                }
            });
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofSeconds(5)).build();

            HttpResponse<String> first = client.send(HttpRequest.newBuilder(server.uri("/exact"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = client.send(HttpRequest.newBuilder(server.uri("/exact"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals("exact", first.body());
            assertEquals(HttpClient.Version.HTTP_2, second.version(), "h2c upgrade taken");
            assertEquals("exact", second.body());
        }
    }

    @Test
    void aChangedPortMovesTheListenerAndABadOneKeepsTheOldPort() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        int first = freePort();
        TerminalHttpServer server = new TerminalHttpServer(camel, new ListenAddress("127.0.0.1", first));
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(server.httpUri("/ping", "GET")).setBody(constant("pong"));
                }
            });
            assertEquals("org.pilegate.routing: port: 0 is not 1..65535", assertThrows(IllegalArgumentException.class,
                    () -> server.modified(config("127.0.0.1", 0))).getMessage());
            try (ServerSocket taken = new ServerSocket(0)) {
                String message = assertThrows(IllegalStateException.class,
                        () -> server.modified(config("127.0.0.1", taken.getLocalPort()))).getMessage();
                assertTrue(message.startsWith("org.pilegate.routing: host/port: cannot listen on 127.0.0.1:"
                        + taken.getLocalPort() + ", still listening on 127.0.0.1:" + first), message);
            }
            assertEquals(new ListenAddress("127.0.0.1", first), server.address());
            assertEquals("pong", get(first, "/ping").body());

            int second = freePort();
            server.modified(config("127.0.0.1", second));

            assertEquals(new ListenAddress("127.0.0.1", second), server.address());
            assertEquals("pong", get(second, "/ping").body(), "the route runs on, on the new port");
            assertThrows(ConnectException.class, () -> get(first, "/ping"));
        } finally {
            server.deactivate();
            camel.stop();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RoutingConfig config(String host, int port) {
        return RoutingConfigs.config(host, port, 8443);
    }
}
