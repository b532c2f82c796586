package org.pilegate.routing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.vertx.websocket.VertxWebsocketConstants;
import org.apache.camel.component.vertx.websocket.VertxWebsocketEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.routing.TerminalAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;

/**
 * The terminals' WebSocket at {@value #PATH}. A connection first authenticates (see {@link AuthenticationFrames});
 * it is closed after {@value #MAX_REFUSED_FRAMES} frames refused before that, or when it has not authenticated
 * within {@link ConnectedTerminals#AUTHENTICATION_TIMEOUT}. It is then greeted with what
 * {@link TerminalInboundRoute#CONNECTED_ENDPOINT} says the terminal should see, and every text frame it sends goes
 * through {@link TerminalInboundRoute#ENDPOINT}, its replies back on the same connection. Frames of a connection are
 * handled one at a time in order, off the event loop; a refused frame gets an error frame and the connection stays.
 */
@Component(service = RouteBuilder.class)
public class TerminalWebSocketRoute extends RouteBuilder {

    static final String PATH = "/api/terminal/ws";
    static final String ROUTE_ID = "terminal-websocket";
    static final int MAX_REFUSED_FRAMES = 3;
    private static final Logger LOG = LoggerFactory.getLogger(TerminalWebSocketRoute.class);

    private final TerminalEndpoints httpServer;
    private final TerminalConnections connections;
    private final TerminalAuthenticator authenticator;
    private final TerminalJson json = new TerminalJson();
    private final AuthenticationFrames authentication = new AuthenticationFrames();

    @Activate
    public TerminalWebSocketRoute(@Reference(name = "httpServer") TerminalEndpoints httpServer,
            @Reference(name = "connections") TerminalConnections connections,
            @Reference(name = "authenticator") TerminalAuthenticator authenticator) {
        this.httpServer = httpServer;
        this.connections = connections;
        this.authenticator = authenticator;
    }

    /** Called after the route stopped: the close events of its connections no longer arrive. */
    @Deactivate
    void deactivate() {
        connections.closeAll();
    }

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(this::replyWithInternalError);

        from(httpServer.webSocketUri(PATH)).routeId(ROUTE_ID)
                // query parameters arrive as headers: none may pose as the terminal identity
                .removeHeaders("*", VertxWebsocketConstants.EVENT, VertxWebsocketConstants.CONNECTION_KEY,
                        VertxWebsocketConstants.REMOTE_ADDRESS)
                .choice()
                    .when(header(VertxWebsocketConstants.EVENT).isEqualTo(VertxWebsocketEvent.OPEN))
                        .process(exchange -> connections.open(connectionKey(exchange),
                                exchange.getMessage().getBody(ServerWebSocket.class),
                                exchange.getProperty(GatewayWebsocketComponent.IN_TURN, Executor.class)))
                    .when(header(VertxWebsocketConstants.EVENT).isEqualTo(VertxWebsocketEvent.CLOSE))
                        .process(exchange -> connections.closed(connectionKey(exchange)))
                    .otherwise()
                        .process(this::identify)
                        .choice()
                            .when(header(TerminalInboundRoute.TERMINAL_ID).isNull())
                                .process(this::authenticate)
                                .filter(header(TerminalInboundRoute.TERMINAL_ID).isNotNull())
                                    .to(TerminalInboundRoute.CONNECTED_ENDPOINT)
                                    .process(this::greet)
                                .end()
                            .endChoice()
                            .when(body().isInstanceOf(byte[].class))
                                .process(exchange -> send(exchange, List.of(json.encode(new ErrorReply(
                                        ErrorCode.INVALID_MESSAGE,
                                        "binary frames are not read; send each message as a JSON text frame")))))
                            .otherwise()
                                .to(TerminalInboundRoute.ENDPOINT)
                                .process(exchange -> send(exchange, replies(exchange)));
    }

    /** Sets the terminal id header if the connection has authenticated. */
    private void identify(Exchange exchange) {
        connection(exchange).terminal().ifPresent(
                terminal -> exchange.getMessage().setHeader(TerminalInboundRoute.TERMINAL_ID, terminal.value()));
    }

    private void authenticate(Exchange exchange) {
        TerminalConnection connection = connection(exchange);
        Optional<String> credential = authentication.credentialIn(exchange.getMessage().getBody(String.class));
        Optional<TerminalId> terminal;
        ErrorReply refusal;
        try {
            String from = remoteAddress(exchange).host();
            terminal = credential.flatMap(presented -> authenticator.authenticate(presented, from));
            // no word on why: the credential's owner, format or age is nobody's business but the operator's
            refusal = new ErrorReply(ErrorCode.UNAUTHENTICATED, credential.isPresent()
                    ? "authentication failed"
                    : "authenticate first: {\"type\":\"authenticate\",\"credential\":\"<terminal id>.<secret>\"}");
        } catch (TerminalMessageException refused) {
            if (refused.reply().code() == ErrorCode.SERVICE_UNAVAILABLE) {
                send(exchange, List.of(json.encode(refused.reply())));
                return;
            }
            terminal = Optional.empty();
            refusal = refused.reply();
        }
        if (terminal.isPresent()) {
            connections.authenticated(connection, terminal.get());
            exchange.getMessage().setHeader(TerminalInboundRoute.TERMINAL_ID, terminal.get().value());
            return;
        }
        if (connection.refuse(json.encode(refusal)) >= MAX_REFUSED_FRAMES) {
            LOG.info("Closed WebSocket from {} after {} frames without valid authentication", remoteAddress(exchange),
                    MAX_REFUSED_FRAMES);
            connection.close(TerminalConnection.POLICY_VIOLATION, "authentication failed");
        }
    }

    private void greet(Exchange exchange) {
        Message message = exchange.getMessage();
        List<String> greeting = new ArrayList<>();
        greeting.add(authentication.authenticated(
                new TerminalId(message.getHeader(TerminalInboundRoute.TERMINAL_ID, String.class))));
        greeting.addAll(replies(exchange));
        connection(exchange).greet(greeting);
    }

    private void send(Exchange exchange, List<String> frames) {
        connection(exchange).send(frames);
    }

    private void replyWithInternalError(Exchange exchange) {
        String reference = UUID.randomUUID().toString();
        LOG.error("WebSocket frame failed (reference {})", reference,
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        String frame = json.encode(new ErrorReply(ErrorCode.INTERNAL_ERROR,
                "the gateway could not handle the message; reference " + reference));
        connections.connection(connectionKey(exchange)).ifPresent(connection -> connection.send(List.of(frame)));
    }

    private TerminalConnection connection(Exchange exchange) {
        String key = connectionKey(exchange);
        return connections.connection(key)
                .orElseThrow(() -> new IllegalStateException("no open connection " + key));
    }

    @SuppressWarnings("unchecked")
    private static List<String> replies(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    private static String connectionKey(Exchange exchange) {
        return exchange.getMessage().getHeader(VertxWebsocketConstants.CONNECTION_KEY, String.class);
    }

    private static SocketAddress remoteAddress(Exchange exchange) {
        return exchange.getMessage().getHeader(VertxWebsocketConstants.REMOTE_ADDRESS, SocketAddress.class);
    }
}
