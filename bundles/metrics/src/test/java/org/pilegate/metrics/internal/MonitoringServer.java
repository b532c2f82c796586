package org.pilegate.metrics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.pilegate.routing.GatewayHttpServer;
import org.pilegate.routing.internal.RoutingConfig;
import org.pilegate.routing.internal.TerminalHttpServer;

/**
 * The gateway's real HTTP server (the routing bundle's Vert.x server, platform-http) in a real CamelContext on
 * 127.0.0.1 at a free port, with the routes a test adds, wired as DS wires them.
 */
final class MonitoringServer implements AutoCloseable {

    final DefaultCamelContext camel = new DefaultCamelContext();
    final GatewayHttpServer http;
    private final int port = freePort();
    private final HttpClient client = HttpClient.newHttpClient();

    MonitoringServer() {
        camel.start();
        http = new TerminalHttpServer(camel,
                Configs.of(RoutingConfig.class, Map.of("host", "127.0.0.1", "port", port)));
    }

    void add(RouteBuilder routes) {
        try {
            camel.addRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        camel.stop();
        ((TerminalHttpServer) http).deactivate();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
