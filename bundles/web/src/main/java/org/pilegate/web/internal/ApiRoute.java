package org.pilegate.web.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.error.StoreOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the JSON routes of the web bundle share: bodies read into records, answers written as JSON with only the
 * headers set here (request headers, credentials among them, are never echoed), refusals as
 * {@code {"type":"error","code":…,"message":…}} with their code's HTTP status, and failures logged under a reference
 * the answer names instead of a stack trace.
 */
abstract class ApiRoute extends RouteBuilder {

    static final String OPERATOR_COOKIE = "pilegate_operator";
    private static final String BEARER = "bearer ";
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoute.class);

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private record ErrorBody(String type, String code, String message) {
    }

    /** Sets the refusal and failure handling of every route the subclass defines in {@link #routes()}. */
    @Override
    public final void configure() {
        onException(Refusal.class)
                .handled(true)
                .process(exchange -> refuse(exchange,
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refusal.class)));
        onException(IllegalArgumentException.class)
                .handled(true)
                .process(exchange -> refuse(exchange, ApiRefusal.badRequest(
                        exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class).getMessage())));
        onException(Exception.class)
                .handled(true)
                .process(this::failed);
        routes();
    }

    abstract void routes();

    /** The request's body as {@code type}; unknown fields and missing primitives are refused. */
    static <T> T body(Exchange exchange, Class<T> type) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw new ApiRefusal(ErrorCode.MALFORMED_JSON, "the request needs a JSON body");
        }
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new ApiRefusal(ErrorCode.MALFORMED_JSON, "the body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }

    /** A query parameter of the request, blank taken as absent. */
    static Optional<String> query(Exchange exchange, String name) {
        return Optional.ofNullable(request(exchange).getParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The operator signed in with the request's cookie or bearer token. */
    static String operator(Exchange exchange, OperatorAccess access) {
        Optional<String> token = bearer(exchange).or(() ->
                Optional.ofNullable(request(exchange).getCookie(OPERATOR_COOKIE)).map(cookie -> cookie.getValue()));
        return token.flatMap(access::operatorOf).orElseThrow(ApiRefusal::unauthenticated);
    }

    /** The token of the request's {@code Authorization: Bearer} header. */
    static Optional<String> bearer(Exchange exchange) {
        String authorization = request(exchange).getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                ? Optional.of(authorization.substring(BEARER.length()).strip())
                : Optional.empty();
    }

    static HttpServerRequest request(Exchange exchange) {
        HttpMessage message = exchange.getIn(HttpMessage.class);
        if (message == null) {
            throw new IllegalStateException("not an HTTP exchange");
        }
        return message.getRequest();
    }

    static void respond(Exchange exchange, int status, Object body) {
        respond(exchange, status, body, Map.of());
    }

    static void respond(Exchange exchange, int status, Object body, Map<String, String> headers) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        headers.forEach(message::setHeader);
        if (body == null) {
            message.setBody(null);
            return;
        }
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            message.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static void refuse(Exchange exchange, Refusal refusal) {
        ErrorCode code = refusal.code();
        respond(exchange, code.httpStatus(), new ErrorBody("error", code.code(), refusal.getMessage()),
                code == ErrorCode.UNAUTHENTICATED ? Map.of("WWW-Authenticate", "Bearer") : Map.of());
    }

    private void failed(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Optional<Refusal> outage = StoreOutage.refusal(failure);
        if (outage.isPresent()) {
            LOG.warn("{} refused, the database is out of reach: {}", getClass().getSimpleName(), failure.toString());
            refuse(exchange, outage.get());
            return;
        }
        String reference = UUID.randomUUID().toString();
        LOG.error("{} failed (reference {})", getClass().getSimpleName(), reference, failure);
        refuse(exchange, new ApiRefusal(ErrorCode.INTERNAL_ERROR,
                "the gateway could not handle the request; reference " + reference));
    }
}
