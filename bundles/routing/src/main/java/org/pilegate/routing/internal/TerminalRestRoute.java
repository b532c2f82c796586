package org.pilegate.routing.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.error.StoreOutage;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.routing.TerminalAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.HttpHeaders;

/**
 * The terminal REST API, for terminals that poll instead of holding a WebSocket. Both endpoints take the terminal's
 * credential as {@code Authorization: Bearer <terminal id>.<secret>}.
 * <ul>
 * <li>{@code POST} {@value #MESSAGES_PATH}, body one message: the JSON array of replies, as a WebSocket would get
 * them.</li>
 * <li>{@code GET} {@value #INBOX_PATH}: the JSON array of what the terminal should see now, as a WebSocket gets on
 * connecting.</li>
 * </ul>
 * A reply that is one error alone, whether the gateway or the pile side refused, is answered with that error object
 * and its code's {@link ErrorCode#httpStatus() status}; any other reply with 200.
 */
@Component(service = RouteBuilder.class)
public class TerminalRestRoute extends RouteBuilder {

    static final String MESSAGES_PATH = "/api/terminal/messages";
    static final String INBOX_PATH = "/api/terminal/inbox";
    static final String MESSAGES_ROUTE_ID = "terminal-rest-messages";
    static final String INBOX_ROUTE_ID = "terminal-rest-inbox";
    private static final String BEARER = "bearer ";
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(TerminalRestRoute.class);

    private final TerminalEndpoints httpServer;
    private final TerminalAuthenticator authenticator;
    private final TerminalJson json = new TerminalJson();

    @Activate
    public TerminalRestRoute(@Reference(name = "httpServer") TerminalEndpoints httpServer,
            @Reference(name = "authenticator") TerminalAuthenticator authenticator) {
        this.httpServer = httpServer;
        this.authenticator = authenticator;
    }

    @Override
    public void configure() {
        onException(TerminalMessageException.class)
                .handled(true)
                .process(exchange -> refuse(exchange.getMessage(),
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TerminalMessageException.class).reply()));
        onException(Exception.class)
                .handled(true)
                .process(this::respondWithInternalError);

        from(httpServer.httpUri(MESSAGES_PATH, "POST")).routeId(MESSAGES_ROUTE_ID)
                .process(this::authenticate)
                .to(TerminalInboundRoute.ENDPOINT)
                .process(this::respond);
        from(httpServer.httpUri(INBOX_PATH, "GET")).routeId(INBOX_ROUTE_ID)
                .process(this::authenticate)
                .to(TerminalInboundRoute.CONNECTED_ENDPOINT)
                .process(this::respond);
    }

    /** Replaces every request header, query parameters included, by the authenticated terminal's id. */
    private void authenticate(Exchange exchange) {
        Message message = exchange.getMessage();
        // the request's own header: Camel headers hold query parameters too, and credentials stay out of URLs
        HttpMessage request = exchange.getIn(HttpMessage.class);
        String authorization = request == null ? null : request.getRequest().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw new TerminalMessageException(ErrorCode.UNAUTHENTICATED,
                    "send the terminal's credential as Authorization: Bearer <terminal id>.<secret>");
        }
        TerminalId terminal = authenticator.authenticate(authorization.substring(BEARER.length()).strip(),
                        request.getRequest().remoteAddress().host())
                .orElseThrow(() -> new TerminalMessageException(ErrorCode.UNAUTHENTICATED, "authentication failed"));
        message.removeHeaders("*");
        message.setHeader(TerminalInboundRoute.TERMINAL_ID, terminal.value());
    }

    private void respond(Exchange exchange) {
        Message message = exchange.getMessage();
        ErrorCode refusal = message.getHeader(TerminalInboundRoute.REFUSAL, ErrorCode.class);
        @SuppressWarnings("unchecked")
        List<String> replies = message.getBody(List.class);
        if (refusal != null) {
            refuse(message, refusal, replies.get(0));
        } else {
            respond(message, 200, "[" + String.join(",", replies) + "]");
        }
    }

    private void refuse(Message message, ErrorReply refusal) {
        refuse(message, refusal.code(), json.encode(refusal));
    }

    private static void refuse(Message message, ErrorCode code, String error) {
        respond(message, code.httpStatus(), error);
        if (code == ErrorCode.UNAUTHENTICATED) {
            message.setHeader("WWW-Authenticate", "Bearer");
        } else if (code == ErrorCode.TOO_MANY_ATTEMPTS) {
            message.setHeader("Retry-After", FollowedCredentials.FAILURE_WINDOW.toSeconds());
        }
    }

    private void respondWithInternalError(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Optional<Refusal> outage = StoreOutage.refusal(failure);
        if (outage.isPresent()) {
            LOG.warn("Terminal REST request refused, the database is out of reach: {}", failure.toString());
            refuse(exchange.getMessage(), new ErrorReply(outage.get().code(), outage.get().getMessage()));
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Terminal REST request failed (reference {})", reference, failure);
        refuse(exchange.getMessage(), new ErrorReply(ErrorCode.INTERNAL_ERROR,
                "the gateway could not handle the request; reference " + reference));
    }

    /** Only these headers go back: request headers, the credential among them, are never echoed. */
    private static void respond(Message message, int status, String body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, JSON);
        message.setBody(body);
    }
}
