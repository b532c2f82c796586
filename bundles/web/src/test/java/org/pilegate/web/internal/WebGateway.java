package org.pilegate.web.internal;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.pilegate.routing.GatewayHttpServer;
import org.pilegate.routing.internal.GatewayHttpFixture;

/**
 * The gateway's real HTTP server (the routing bundle's) with web routes on it, an operator who can sign in, and a
 * client that talks HTTP/1.1 to it.
 */
final class WebGateway implements AutoCloseable {

    static final String PASSWORD = "correct horse";

    final SignedOperatorTokens access = new SignedOperatorTokens(
            (user, password) -> "admin".equals(user) && PASSWORD.equals(new String(password)),
            Duration.ofMinutes(5), Clock.systemUTC(), System::nanoTime);
    private final GatewayHttpFixture server = new GatewayHttpFixture();
    final GatewayHttpServer http = server.http();

    WebGateway with(RouteBuilder routes) {
        server.add(routes);
        return this;
    }

    HttpResponse<String> get(String path, String... headers) {
        return server.get(path, headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return server.post(path, json, headers);
    }

    /** Serves {@code routes} behind the operator sign-in, signs in and returns the cookie for later requests. */
    String signedInTo(RouteBuilder routes) {
        with(new OperatorLoginRoute(http, access)).with(routes);
        return signIn();
    }

    /** Signs in as the operator and returns the cookie to send with later requests. */
    private String signIn() {
        HttpResponse<String> response = post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in failed: " + response.statusCode() + " " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Override
    public void close() {
        server.close();
    }
}
