package org.pilegate.routing.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.vertx.websocket.VertxWebsocketComponent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConsumer;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEndpoint;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHost;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHostConfiguration;
import org.apache.camel.component.vertx.websocket.VertxWebsocketHostKey;
import org.apache.camel.component.vertx.websocket.VertxWebsocketPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;


/**
 * camel-vertx-websocket served by the gateway's HTTP server, as Camel Quarkus serves it by its own: WebSocket
 * endpoints become routes on the platform-http router (same Vert.x, same HTTP server), so WebSocket and REST share
 * one host and port; host and port in an endpoint URI are ignored. The stock host would start an HTTP server of its
 * own on them.
 * <p>
 * Two more departures from the stock component: the events of one connection (open, each message, close) reach the
 * route one at a time, in the order they happened, on Vert.x worker threads, where the stock consumer hands every
 * event to the worker pool unordered; and stopping an endpoint closes its connections instead of leaving them
 * attached to a consumer that is gone.
 */
// the name under which Camel finds the generated configurers of the stock component's options
@org.apache.camel.spi.annotations.Component("vertx-websocket")
final class GatewayWebsocketComponent extends VertxWebsocketComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayWebsocketComponent.class);
    /**
     * Exchange property of every event: an {@link Executor} that runs a task in the connection's turn, after every
     * event that has arrived on it so far, e.g. a deadline that must not overtake a frame which came in time.
     */
    static final String IN_TURN = "PilegateConnectionTurn";

    GatewayWebsocketComponent(VertxPlatformHttpRouter router) {
        setVertx(router.vertx());
        setRouter(router);
    }

    @Override
    protected VertxWebsocketHost createVertxWebsocketHost(VertxWebsocketHostConfiguration configuration,
            VertxWebsocketHostKey key) {
        return new RouterHost(getCamelContext(), configuration, key);
    }

    @Override
    protected VertxWebsocketEndpoint createEndpointInstance(String uri, VertxWebsocketConfiguration configuration) {
        return new OrderedEndpoint(uri, this, configuration);
    }

    private static final class RouterHost extends VertxWebsocketHost {

        RouterHost(CamelContext camel, VertxWebsocketHostConfiguration configuration, VertxWebsocketHostKey key) {
            super(camel, configuration, key);
        }

        @Override
        public void start() {
            // the gateway's HTTP server already serves the router
        }

        @Override
        public void disconnect(String path) {
            List.copyOf(getConnectedPeers()).stream()
                    .filter(peer -> path.equals(peer.getRawPath()))
                    .map(VertxWebsocketPeer::getWebSocket)
                    .forEach(socket -> socket.close(TerminalConnection.GOING_AWAY, "endpoint stopped"));
            super.disconnect(path);
        }
    }

    private static final class OrderedEndpoint extends VertxWebsocketEndpoint {

        OrderedEndpoint(String uri, VertxWebsocketComponent component, VertxWebsocketConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            if (getConfiguration().isConsumeAsClient()) {
                return super.createConsumer(processor);
            }
            Consumer consumer = new ConnectionOrderedConsumer(this, processor);
            configureConsumer(consumer);
            return consumer;
        }
    }

    private static final class ConnectionOrderedConsumer extends VertxWebsocketConsumer {

        private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

        /** Per connection, the end of the last event's route: the next event starts after it. */
        private final Map<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();

        ConnectionOrderedConsumer(VertxWebsocketEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
        }

        /**
         * Called on the connection's event loop, so in the order the events happened. Each event's route starts on a
         * Vert.x worker once the one before it has ended; a route that waits for an answer holds no thread.
         */
        @Override
        protected void processExchange(Exchange exchange, RoutingContext routingContext) {
            Message message = exchange.getMessage();
            String connection = message.getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
            boolean last = message.getHeader(VertxWebsocketConstants.EVENT) == VertxWebsocketEvent.CLOSE;
            Vertx vertx = routingContext.vertx();
            Executor worker = task -> vertx.executeBlocking(() -> {
                task.run();
                return null;
            }, false);
            // a task for a connection that has closed meanwhile has no turn to wait for, and is dropped
            exchange.setProperty(IN_TURN, (Executor) task -> lanes.computeIfPresent(connection,
                    (key, before) -> before.thenComposeAsync(ignored -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.error("A task in the turn of WebSocket {} failed", connection, e);
                        }
                        return DONE;
                    }, worker)));
            CompletableFuture<Void> ended = lanes.compute(connection, (key, before) -> (before == null ? DONE : before)
                    .thenComposeAsync(ignored -> process(exchange), worker));
            if (last) {
                ended.whenComplete((ignored, failure) -> lanes.remove(connection, ended));
            }
        }

        /** A client that goes without a close frame (a phone losing its network) is a normal end, not an error. */
        @Override
        public void onException(String connectionKey, Throwable cause, SocketAddress remote,
                RoutingContext routingContext) {
            if (cause instanceof HttpClosedException) {
                LOG.debug("WebSocket {} from {} ended without a close frame", connectionKey, remote);
            } else {
                super.onException(connectionKey, cause, remote, routingContext);
            }
        }

        /** @return completes when the event's route has ended, never exceptionally */
        private CompletableFuture<Void> process(Exchange exchange) {
            if (!isRunAllowed()) {
                // the endpoint stopped and closed its connections; their last events have no route to go to
                releaseExchange(exchange, false);
                return DONE;
            }
            CompletableFuture<Void> ended = new CompletableFuture<>();
            try {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> finish(exchange, ended));
            } catch (Exception e) {
                exchange.setException(e);
                finish(exchange, ended);
            }
            return ended;
        }

        private void finish(Exchange exchange, CompletableFuture<Void> ended) {
            try {
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Error processing WebSocket event", exchange,
                            exchange.getException());
                }
            } finally {
                doneUoW(exchange);
                releaseExchange(exchange, false);
                ended.complete(null);
            }
        }
    }
}
