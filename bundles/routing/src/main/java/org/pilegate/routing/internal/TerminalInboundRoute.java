package org.pilegate.routing.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.error.StoreOutage;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalInbound;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminal → pile: takes one JSON message from an authenticated terminal, validates it into a typed request,
 * hands it to the server side and answers with the JSON replies, in order. Whatever goes wrong, the terminal gets
 * an error frame (code + message, never a stack trace) and nothing else is affected. A second route asks the pile
 * side what a terminal that has just connected should see. The transports (WebSocket, REST) only use these two.
 */
@Component(service = RouteBuilder.class)
public class TerminalInboundRoute extends RouteBuilder {

    /** Body: the message text; header {@link #TERMINAL_ID}: who sent it. Reply body: {@code List<String>}. */
    public static final String ENDPOINT = "direct:terminal-inbound";
    public static final String TERMINAL_ID = "PilegateTerminalId";
    /** Header {@link #TERMINAL_ID}: who connected. Reply body: {@code List<String>}, what it should see at once. */
    public static final String CONNECTED_ENDPOINT = "direct:terminal-connected";
    /**
     * Set on a reply that is one error frame alone, whether the gateway or the server side refused: its
     * {@link ErrorCode}, so a transport can answer with the code's status without reading the frame. A reply of
     * several frames never carries it, even with an error among them.
     */
    public static final String REFUSAL = "PilegateTerminalRefusal";
    static final String ROUTE_ID = "terminal-inbound";
    static final String CONNECTED_ROUTE_ID = "terminal-connected";
    private static final Logger LOG = LoggerFactory.getLogger(TerminalInboundRoute.class);

    private final TerminalJson json = new TerminalJson();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TerminalRequestHandler server;

    @Override
    public void configure() {
        // continued, not handled: a handled exchange ends the calling transport route too, and that route still
        // has to send the error reply
        onException(Refusal.class)
                .continued(true)
                .process(exchange -> replyWithError(exchange,
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refusal.class)));
        onException(Exception.class)
                .continued(true)
                .process(this::replyWithInternalError);

        from(ENDPOINT).routeId(ROUTE_ID)
                .process(new Replying(this::handle));
        from(CONNECTED_ENDPOINT).routeId(CONNECTED_ROUTE_ID)
                .process(new Replying(exchange -> {
                    TerminalId terminal = terminalOf(exchange);
                    return server().connected(terminal);
                }));
    }

    private CompletionStage<List<TerminalOutbound>> handle(Exchange exchange) {
        TerminalId terminal = terminalOf(exchange);
        TerminalInbound request = json.decode(exchange.getMessage().getBody(String.class), TerminalInbound.class);
        return server().handle(terminal, request);
    }

    /**
     * Asks the server side and lets the exchange go on once its answer is there: the route's thread is free in the
     * meantime, whether the answer takes a commit or a contactor closing.
     */
    private final class Replying extends AsyncProcessorSupport {

        private final Function<Exchange, CompletionStage<List<TerminalOutbound>>> ask;

        Replying(Function<Exchange, CompletionStage<List<TerminalOutbound>>> ask) {
            this.ask = ask;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            CompletionStage<List<TerminalOutbound>> answer;
            try {
                answer = ask.apply(exchange);
            } catch (RuntimeException refused) {
                exchange.setException(refused);
                callback.done(true);
                return true;
            }
            answer.whenComplete((replies, failure) -> {
                if (failure == null) {
                    reply(exchange, replies);
                } else {
                    exchange.setException(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                }
                callback.done(false);
            });
            return false;
        }
    }

    private TerminalRequestHandler server() {
        TerminalRequestHandler handler = server;
        if (handler == null) {
            throw new TerminalMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                    "the session service is not running; send the message again shortly");
        }
        return handler;
    }

    private void reply(Exchange exchange, List<TerminalOutbound> replies) {
        Message message = exchange.getMessage();
        message.setBody(replies.stream().map(json::encode).toList());
        if (replies.size() == 1 && replies.get(0) instanceof ErrorReply refusal) {
            message.setHeader(REFUSAL, refusal.code());
        } else {
            message.removeHeader(REFUSAL);
        }
    }

    private static TerminalId terminalOf(Exchange exchange) {
        String terminal = exchange.getMessage().getHeader(TERMINAL_ID, String.class);
        if (terminal == null) {
            throw new TerminalMessageException(ErrorCode.UNAUTHENTICATED, "the connection has no terminal identity");
        }
        try {
            return new TerminalId(terminal);
        } catch (IllegalArgumentException e) {
            throw new TerminalMessageException(ErrorCode.UNAUTHENTICATED, e.getMessage());
        }
    }

    private void replyWithError(Exchange exchange, Refusal refusal) {
        reply(exchange, List.of(new ErrorReply(refusal.code(), refusal.getMessage())));
    }

    private void replyWithInternalError(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Optional<Refusal> outage = StoreOutage.refusal(failure);
        if (outage.isPresent()) {
            LOG.warn("Terminal message refused, the database is out of reach: {}", failure.toString());
            replyWithError(exchange, outage.get());
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("Terminal message failed (reference {})", reference, failure);
        reply(exchange, List.of(new ErrorReply(ErrorCode.INTERNAL_ERROR,
                "the gateway could not handle the message; reference " + reference)));
    }
}
