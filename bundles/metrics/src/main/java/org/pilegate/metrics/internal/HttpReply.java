package org.pilegate.metrics.internal;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** Replies of the monitoring endpoints, and who asked. */
final class HttpReply {

    static final String TEXT = "text/plain; charset=utf-8";

    private HttpReply() {
    }

    /** Only these headers go back: the request's headers would otherwise be echoed in the response. */
    static void send(Exchange exchange, int status, String contentType, String body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

    /** The IP address of the client; a forwarded-for header is not believed, clients can write any. */
    static Optional<String> clientAddress(Exchange exchange) {
        HttpMessage request = exchange.getIn(HttpMessage.class);
        return Optional.ofNullable(request)
                .map(HttpMessage::getRequest)
                .map(HttpServerRequest::remoteAddress)
                .map(SocketAddress::hostAddress);
    }

    /** Answers 403 unless the client is in {@code allowed}; then the route goes on. */
    static boolean refuseUnlessAllowed(Exchange exchange, ClientNetworks allowed) {
        if (clientAddress(exchange).filter(allowed::allows).isPresent()) {
            return false;
        }
        send(exchange, 403, TEXT, "forbidden: this address may not read the gateway's monitoring endpoints\n");
        return true;
    }
}
