package org.pilegate.routing;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's one HTTP port, for Camel routes of other bundles that serve on it. A {@code RouteBuilder} that
 * references this service starts after the server listens and is stopped before the server closes or moves to
 * another port.
 */
public interface GatewayHttpServer {

    /**
     * The URI of an HTTP endpoint at {@code path} on this server, for one method. Failures never reach the client
     * as a stack trace: routes answer them themselves, and anything they miss is muted.
     */
    String httpUri(String path, String method);

    /**
     * As {@link #httpUri(String, String)}, but the endpoint also serves every path below {@code path}: one route for
     * a whole tree, such as a folder of static files.
     */
    String httpUriBelow(String path, String method);

    /**
     * Serves a WebSocket protocol of the caller's own (not a Camel route) at every path below {@code path}, such as
     * OCPP-J charge points at {@code /ocpp/<id>}: {@code upgrade} gets each request first and either refuses it with an
     * HTTP answer or upgrades it ({@code request().toWebSocket()}). The handshake agrees on the first subprotocol the
     * client offers among those the server is configured with ({@code webSocketSubProtocols}).
     *
     * @return closing it stops serving the path; connections already open stay the caller's to close
     */
    AutoCloseable serveWebSockets(String path, Handler<RoutingContext> upgrade);
}
