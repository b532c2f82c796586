package org.pilegate.web.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.impl.DefaultCamelContext;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The gateway's HTTP server as the routing bundle sets it up (a Vert.x router carrying platform-http, bound into a real
 * CamelContext), on 127.0.0.1 at a free port, with web routes on it; and a client that talks HTTP/1.1 to it.
 */
final class WebGateway implements AutoCloseable {

    static final String PASSWORD = "correct horse";

    final OperatorAccess access = new OperatorAccess(
            (user, password) -> "admin".equals(user) && PASSWORD.equals(new String(password)),
            Duration.ofMinutes(5), Clock.systemUTC());
    final GatewayHttp http = new GatewayHttp();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final int port = freePort();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    WebGateway() throws Exception {
        Router router = Router.router(vertx);
        String routerName = VertxPlatformHttpRouter.getRouterNameFromPort(port);
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                .requestHandler(router).listen(port, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        camel.getRegistry().bind(routerName, new VertxPlatformHttpRouter(null, vertx, router, routerName));
        camel.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, PlatformHttpEngine.class,
                new VertxPlatformHttpEngine() {
                    @Override
                    public int getServerPort() {
                        return port;
                    }
                });
        camel.start();
    }

    WebGateway with(RouteBuilder routes) throws Exception {
        camel.addRoutes(routes);
        return this;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"), headers);
    }

    /** Signs in as the operator and returns the cookie to send with later requests. */
    String signIn() throws Exception {
        HttpResponse<String> response = post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in failed: " + response.statusCode() + " " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) throws Exception {
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        camel.stop();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
