package org.pilegate.routing.internal;

import java.net.URI;
import java.time.Duration;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.pilegate.api.work.SharedThreads;

/**
 * The routing bundle's components wired as DS wires them, in a real CamelContext, listening on 127.0.0.1 at a free
 * port: the terminal endpoints a test talks to with real clients.
 */
final class TerminalGateway implements AutoCloseable {

    final CredentialsStub credentials = new CredentialsStub();
    final ConnectedTerminals connections;
    private final SharedThreads threads = new SharedThreads(2);
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final TerminalInboundRoute inbound = new TerminalInboundRoute();
    private TerminalHttpServer httpServer;
    private TerminalWebSocketRoute webSocketRoute;
    private RouteBuilder[] transports;

    TerminalGateway(Duration authenticationTimeout) {
        connections = new ConnectedTerminals(threads, authenticationTimeout);
        camel.start();
        try {
            camel.addRoutes(inbound);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        listenOn(GatewayHttpFixture.freePort());
    }

    TerminalGateway() {
        this(ConnectedTerminals.AUTHENTICATION_TIMEOUT);
    }

    /** As after the port was reconfigured: DS stops the transport routes, then the server, and starts them anew. */
    void listenOn(int port) {
        if (httpServer != null) {
            for (RouteBuilder transport : transports) {
                transport.getRouteCollection().getRoutes().forEach(route -> removeRoute(route.getRouteId()));
            }
            webSocketRoute.deactivate();
            httpServer.deactivate();
        }
        httpServer = new TerminalHttpServer(camel, new ListenAddress("127.0.0.1", port));
        webSocketRoute = new TerminalWebSocketRoute(httpServer, connections, new FollowedCredentials(credentials, System::nanoTime));
        transports = new RouteBuilder[] {webSocketRoute, new TerminalRestRoute(httpServer, new FollowedCredentials(credentials, System::nanoTime))};
        try {
            for (RouteBuilder transport : transports) {
                camel.addRoutes(transport);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void pileSide(TerminalRequestHandler pileSide) {
        PileSideStub.bind(inbound, pileSide);
    }

    URI webSocket() {
        return URI.create("ws://127.0.0.1:" + httpServer.address().port() + TerminalWebSocketRoute.PATH);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpServer.address().port() + path);
    }

    @Override
    public void close() {
        connections.deactivate();
        camel.stop();
        httpServer.deactivate();
        threads.close();
    }

    private void removeRoute(String routeId) {
        try {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
