package org.pilegate.metrics.internal;

import java.util.function.Predicate;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code GET} endpoint of the monitoring configuration (PID {@value MetricsConfig#PID}) on the gateway's HTTP
 * server: answered only to the allowed client networks and while switched on (404 otherwise); a failure is logged and answered 500 without its details,
 * which are for the operator, not the client.
 */
abstract class MonitoringRoute extends RouteBuilder {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final GatewayHttpServer http;
    private final String path;
    private final String routeId;
    private final String what;
    private final Predicate<MetricsConfig> served;
    private volatile Exposure exposure;

    /**
     * @param what what the endpoint reads, for the log and the reply to a failure
     * @param served whether a configuration switches the endpoint on
     */
    MonitoringRoute(GatewayHttpServer http, String path, String routeId, String what, Predicate<MetricsConfig> served,
            MetricsConfig config) {
        this.http = http;
        this.path = path;
        this.routeId = routeId;
        this.what = what;
        this.served = served;
        expose(config);
    }

    /**
     * Applies a changed configuration in place; one with a wrong value is refused naming the PID, the key and why
     * (the framework logs it), and the endpoint goes on with its last good settings.
     */
    final void expose(MetricsConfig config) {
        exposure = Exposure.of(served.test(config), config);
    }

    @Override
    public final void configure() {
        // the route runs even when switched off, answering 404: switching it on again then needs no new route
        onException(Exception.class)
                .handled(true)
                .process(this::failed);
        from(http.httpUri(path, "GET")).routeId(routeId)
                .process(this::answer);
    }

    /** Answers a request from an allowed client while the endpoint is switched on. */
    abstract void reply(Exchange exchange) throws Exception;

    private void answer(Exchange exchange) throws Exception {
        if (!exposure.refuse(exchange)) {
            reply(exchange);
        }
    }

    private void failed(Exchange exchange) {
        log.error("The {} could not be read", what, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        HttpReply.send(exchange, 500, HttpReply.TEXT, "the " + what + " could not be read; see the gateway's log\n");
    }
}
