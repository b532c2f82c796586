package org.pilegate.web.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.routing.GatewayHttpServer;

/**
 * Operator sign-in for the dashboard.
 * <ul>
 * <li>{@code POST} {@value #LOGIN_PATH} {@code {"user":…,"password":…}}: checks them against Karaf's JAAS realm and
 * sets the signed session token in an HttpOnly, SameSite=Strict cookie; the token also comes in the body, for
 * scripts that send it as {@code Authorization: Bearer}.</li>
 * <li>{@code POST} {@value #LOGOUT_PATH}: clears the cookie.</li>
 * <li>{@code GET} {@value #ME_PATH}: who is signed in, {@code {"user":null}} when nobody is, so that a page can ask
 * without provoking an error.</li>
 * </ul>
 */
@Component(service = RouteBuilder.class)
public class OperatorLoginRoute extends ApiRoute {

    static final String LOGIN_PATH = "/api/operator/login";
    static final String LOGOUT_PATH = "/api/operator/logout";
    static final String ME_PATH = "/api/operator/me";

    record Credentials(String user, String password) {
    }

    record SignedIn(String user, Instant expiresAt, String token) {
    }

    record Me(Optional<String> user) {
    }

    private final GatewayHttpServer http;
    private final OperatorAccess access;

    @Activate
    public OperatorLoginRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "access") OperatorAccess access) {
        this.http = http;
        this.access = access;
    }

    @Override
    void routes() {
        from(http.httpUri(LOGIN_PATH, "POST")).routeId("operator-login").process(this::login);
        from(http.httpUri(LOGOUT_PATH, "POST")).routeId("operator-logout").process(exchange ->
                respond(exchange, 204, null, Map.of("Set-Cookie", cookie("", 0))));
        from(http.httpUri(ME_PATH, "GET")).routeId("operator-me").process(this::me);
    }

    private void login(Exchange exchange) {
        Credentials credentials = body(exchange, Credentials.class);
        if (credentials.user() == null || credentials.user().isBlank() || credentials.password() == null) {
            throw ApiRefusal.badRequest("user and password are required");
        }
        char[] password = credentials.password().toCharArray();
        try {
            OperatorAccess.SignIn signIn = access.signIn(credentials.user().strip(), password)
                    .orElseThrow(() -> new ApiRefusal(ErrorCode.UNAUTHENTICATED, "wrong user or password"));
            respond(exchange, 200, new SignedIn(signIn.user(), signIn.expiresAt(), signIn.token()),
                    Map.of("Set-Cookie", cookie(signIn.token(), signIn.lifetime().toSeconds())));
        } catch (OperatorAccess.TooManyAttempts e) {
            throw new ApiRefusal(ErrorCode.TOO_MANY_ATTEMPTS, e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void me(Exchange exchange) {
        Optional<String> user;
        try {
            user = Optional.of(operator(exchange, access));
        } catch (ApiRefusal notSignedIn) {
            user = Optional.empty();
        }
        respond(exchange, 200, new Me(user));
    }

    private static String cookie(String value, long maxAgeSeconds) {
        return OPERATOR_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict";
    }
}
