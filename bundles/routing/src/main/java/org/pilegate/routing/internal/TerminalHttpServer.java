package org.pilegate.routing.internal;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The one HTTP server terminals reach the gateway on: a Vert.x HTTP server whose router carries Camel's REST
 * endpoints ({@code platform-http:}, Vert.x engine) and, through {@link GatewayWebsocketComponent}, its WebSocket
 * endpoints ({@code vertx-websocket:}), so both share one host and port. The transport routes reference this
 * component, so they start after it and stop before it, and take their endpoint URIs from it.
 * <p>
 * Camel's own VertxPlatformHttpServer is not used: it only logs a failed bind, its engine keeps the first port it
 * saw, and it takes no server options. Clients may speak HTTP/1.1, WebSocket, or HTTP/2 over cleartext (h2c, upgraded
 * from HTTP/1.1 as java.net.http asks by default): the container's Netty is the one Vert.x is built for.
 * <p>
 * A changed host or port moves the listener in place ({@link #modified}): the service stays registered, so the routes
 * on the router keep running and no terminal route or web page restarts for it.
 * <p>
 * The router is served twice: over HTTPS and WSS by a {@link TlsEndpoint}, and over plain HTTP, bound to this
 * machine only unless configured otherwise, for local clients.
 */
// immediate: the port stays open while the routes on it are replaced
@Component(service = {TerminalEndpoints.class, GatewayHttpServer.class}, configurationPid = TerminalHttpServer.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = RoutingConfig.class)
public class TerminalHttpServer implements TerminalEndpoints {

    static final String PID = "org.pilegate.routing";
    /** Any body a message could fit in: the JSON limit counts chars, UTF-8 takes at most 3 bytes for one. */
    private static final long MAX_BODY_BYTES = 3L * TerminalJson.MAX_MESSAGE_CHARS;
    private static final String WEBSOCKET_COMPONENT = "vertx-websocket";
    private static final String HTTP_COMPONENT = PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME;
    /** The status Vert.x's body handler fails a request with when its body is over the limit. */
    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final long TIMEOUT_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(TerminalHttpServer.class);

    private final CamelContext camel;
    private final String routerName;
    private final TerminalJson json = new TerminalJson();
    private final Vertx vertx = Vertx.vertx();
    private final Router router = Router.router(vertx);
    private volatile ListenAddress address;
    private HttpServer server;
    private TlsEndpoint tls;

    @Activate
    public TerminalHttpServer(@Reference(name = "camel") CamelContext camel, RoutingConfig config) {
        this(camel, ListenAddress.of(config), TlsSettings.of(config, etc()));
    }

    /** Plain HTTP only, for the tests of bundles whose routes serve on this server. */
    TerminalHttpServer(CamelContext camel, ListenAddress address) {
        this(camel, address, null);
    }

    /** @param tlsSettings where HTTPS listens, null for none */
    TerminalHttpServer(CamelContext camel, ListenAddress address, TlsSettings tlsSettings) {
        this.camel = camel;
        this.address = address;
        // the router stays registered under the first port: a move to another port keeps the router, and with it
        // the routes, and only replaces the listener
        int routerPort = address.port();
        this.routerName = VertxPlatformHttpRouter.getRouterNameFromPort(routerPort);
        // platform-http adds its routes to this router; a sub-router's error handlers are never asked, so a body
        // Vert.x refuses for its size gets its JSON from a failure handler
        router.route().failureHandler(this::refuseTooLargeBody);
        router.route().handler(TlsEndpoint::strictTransportSecurity);
        VertxPlatformHttpRouter platformRouter = new VertxPlatformHttpRouter(null, vertx, router, routerName) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
            }
        };
        try {
            server = listen(address, PID + ": host/port: cannot listen on " + address);
            if (tlsSettings != null) {
                tls = new TlsEndpoint(vertx, router, tlsSettings, address.webSocketSubProtocols());
            }
            camel.getRegistry().bind(routerName, platformRouter);
            camel.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, PlatformHttpEngine.class,
                    new VertxPlatformHttpEngine() {
                        @Override
                        public int getServerPort() {
                            return routerPort;
                        }
                    });
            camel.addComponent(WEBSOCKET_COMPONENT, new GatewayWebsocketComponent(platformRouter));
        } catch (RuntimeException e) {
            deactivate();
            throw e;
        }
        LOG.info("Terminal endpoints listening on {}", address);
    }

    /**
     * Moves the listener to a changed host or port: the new one listens before the old one closes, so no request is
     * refused in between. A wrong value, or an address that cannot be bound, is refused naming the PID, the key and
     * why (the framework logs it) and the server goes on listening where it did.
     */
    @Modified
    synchronized void modified(RoutingConfig config) {
        ListenAddress next = ListenAddress.of(config);
        TlsSettings nextTls = TlsSettings.of(config, etc());
        if (tls != null) {
            tls.modified(nextTls);
        }
        move(next);
    }

    private void move(ListenAddress next) {
        ListenAddress previous = address;
        if (next.equals(previous)) {
            return;
        }
        HttpServer moved = listen(next, PID + ": host/port: cannot listen on " + next + ", still listening on "
                + previous);
        HttpServer old = server;
        server = moved;
        address = next;
        LOG.info("Terminal endpoints moved from {} to {}", previous, next);
        try {
            await(old.close(), "Terminal endpoints on " + previous + " did not close");
        } catch (IllegalStateException e) {
            LOG.warn("{}; they listen on {} now", e.getMessage(), next);
        }
    }

    /** Public for the tests of bundles whose routes serve on this port: they run and stop the real server. */
    @Deactivate
    public synchronized void deactivate() {
        try {
            // cached endpoints and components hold on to this server's router and engine, a new server needs new ones
            camel.removeEndpoints(WEBSOCKET_COMPONENT + ":*");
            camel.removeEndpoints(HTTP_COMPONENT + ":*");
        } catch (Exception e) {
            LOG.warn("Terminal endpoints on {} were not all removed", address, e);
        }
        camel.removeComponent(WEBSOCKET_COMPONENT);
        camel.removeComponent(HTTP_COMPONENT);
        camel.getRegistry().unbind(routerName);
        camel.getRegistry().unbind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME);
        try {
            if (tls != null) {
                tls.close();
            }
            if (server != null) {
                await(server.close(), "Terminal endpoints on " + address + " did not close");
            }
        } finally {
            await(vertx.close(), "Vert.x of the terminal endpoints did not close");
        }
        LOG.info("Terminal endpoints on {} stopped", address);
    }

    /** The URI of a WebSocket endpoint at {@code path} on this server; its routes see OPEN and CLOSE events too. */
    @Override
    public String webSocketUri(String path) {
        return WEBSOCKET_COMPONENT + ":" + path + "?fireWebSocketConnectionEvents=true";
    }

    @Override
    public String httpUri(String path, String method) {
        return HTTP_COMPONENT + ":" + path + "?httpMethodRestrict=" + method + "&muteException=true";
    }

    @Override
    public String httpUriBelow(String path, String method) {
        return httpUri(path, method) + "&matchOnUriPrefix=true";
    }

    @Override
    public AutoCloseable serveWebSockets(String path, Handler<RoutingContext> upgrade) {
        String below = path.endsWith("/") ? path + "*" : path + "/*";
        Route route = router.route(below).handler(upgrade);
        LOG.info("WebSockets below {} served", path);
        return route::remove;
    }

    ListenAddress address() {
        return address;
    }

    private HttpServer listen(ListenAddress at, String failure) {
        HttpServerOptions options = new HttpServerOptions();
        if (!at.webSocketSubProtocols().isEmpty()) {
            options.setWebSocketSubProtocols(at.webSocketSubProtocols());
        }
        return await(vertx.createHttpServer(options)
                .requestHandler(router)
                .listen(at.port(), at.host()), failure);
    }

    private void refuseTooLargeBody(RoutingContext context) {
        if (context.statusCode() != PAYLOAD_TOO_LARGE) {
            context.next();
            return;
        }
        context.response()
                .setStatusCode(ErrorCode.MESSAGE_TOO_LARGE.httpStatus())
                .putHeader("Content-Type", "application/json")
                .end(json.encode(new ErrorReply(ErrorCode.MESSAGE_TOO_LARGE,
                        "the body has more than " + MAX_BODY_BYTES + " bytes; a message has at most "
                                + TerminalJson.MAX_MESSAGE_CHARS + " characters")));
    }

    /** Karaf's etc/, where relative certificate paths start. */
    private static Path etc() {
        return Path.of(System.getProperty("karaf.etc", "etc"));
    }

    static <T> T await(Future<T> future, String failure) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(failure + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(failure + ": no answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(failure + ": interrupted", e);
        }
    }
}
