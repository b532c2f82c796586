package org.pilegate.ocpp16.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiPredicate;


import org.pilegate.api.ocpp.ChargePointId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;

/**
 * The WebSocket handshake of {@code /ocpp/<chargePointId>}: only a registered charge point presenting its password
 * (HTTP Basic, user = its id) and offering the {@code ocpp1.6} subprotocol is upgraded; anyone else is answered with
 * an HTTP status and no WebSocket. Unknown ids and wrong passwords get the same 401, telling nothing about which ids
 * exist.
 */
final class OcppHandshake implements Handler<RoutingContext> {

    static final String PATH = "/ocpp";
    static final String SUBPROTOCOL = "ocpp1.6";
    private static final Logger LOG = LoggerFactory.getLogger(OcppHandshake.class);

    /** Receives an upgraded connection of an authenticated charge point. */
    @FunctionalInterface
    interface Upgraded {
        void accept(ChargePointId id, ServerWebSocket socket);
    }

    private final BiPredicate<ChargePointId, String> authenticate;
    private final Upgraded upgraded;

    OcppHandshake(BiPredicate<ChargePointId, String> authenticate, Upgraded upgraded) {
        this.authenticate = authenticate;
        this.upgraded = upgraded;
    }

    @Override
    public void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<ChargePointId> id = chargePointId(request.path());
        if (id.isEmpty()) {
            refuse(context, 404, "no charge point path: " + PATH + "/<chargePointId>");
            return;
        }
        String offered = Optional.ofNullable(request.getHeader("Sec-WebSocket-Protocol")).orElse("");
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                || !Arrays.stream(offered.split(",")).map(String::strip).anyMatch(SUBPROTOCOL::equals)) {
            refuse(context, 400, "a WebSocket upgrade offering subprotocol " + SUBPROTOCOL + " is expected");
            return;
        }
        Optional<String> password = basicPassword(request.getHeader(HttpHeaders.AUTHORIZATION), id.get());
        request.pause();
        // the password is checked against the store, off the event loop
        context.vertx().executeBlocking(() -> password.filter(p -> authenticate.test(id.get(), p)).isPresent(),
                false).onComplete(checked -> {
                    request.resume();
                    if (checked.failed() || !checked.result()) {
                        LOG.info("Charge point {} from {} refused: {}", id.get(), request.remoteAddress(),
                                checked.failed() ? checked.cause().getMessage() : "unknown or wrong password");
                        context.response().putHeader("WWW-Authenticate", "Basic realm=\"pilegate\"");
                        refuse(context, 401, "unknown charge point or wrong password");
                        return;
                    }
                    request.toWebSocket().onSuccess(socket -> upgraded.accept(id.get(), socket))
                            .onFailure(e -> LOG.info("Charge point {}: the handshake failed: {}", id.get(),
                                    e.getMessage()));
                });
    }

    static Optional<ChargePointId> chargePointId(String path) {
        String prefix = PATH + "/";
        if (path == null || !path.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ChargePointId(path.substring(prefix.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The password of {@code Authorization: Basic base64(id:password)}, if the user is the charge point itself. */
    static Optional<String> basicPassword(String authorization, ChargePointId id) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && decoded.substring(0, colon).equals(id.value())
                ? Optional.of(decoded.substring(colon + 1)) : Optional.empty();
    }

    private static void refuse(RoutingContext context, int status, String why) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(why);
    }
}
