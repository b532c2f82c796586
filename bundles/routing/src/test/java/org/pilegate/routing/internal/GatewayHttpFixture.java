package org.pilegate.routing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.pilegate.routing.GatewayHttpServer;

/**
 * The gateway's real HTTP server in a real CamelContext, listening on 127.0.0.1 at a free port, with the routes a
 * test adds, wired as DS wires them; and an HTTP/1.1 client for it. For the tests of bundles whose routes serve on
 * the gateway's port.
 */
public final class GatewayHttpFixture implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final TerminalHttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public GatewayHttpFixture() {
        camel.start();
        server = new TerminalHttpServer(camel, new ListenAddress("127.0.0.1", freePort()));
    }

    public CamelContext camel() {
        return camel;
    }

    /** The service the routes of other bundles reference. */
    public GatewayHttpServer http() {
        return server;
    }

    public GatewayHttpFixture add(RouteBuilder routes) {
        try {
            camel.addRoutes(routes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** {@code headers}: names and values, alternating. */
    public HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public HttpResponse<String> post(String path, String json, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().port() + path);
    }

    /** As DS stops them: the routes on the server first, then the server. */
    @Override
    public void close() {
        camel.stop();
        server.deactivate();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
