package org.pilegate.metrics.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code GET} endpoint of the monitoring configuration (PID {@value MetricsConfig#PID}) on the gateway's HTTP
 * server: answered only to the allowed client networks; a failure is logged and answered 500 without its details,
 * which are for the operator, not the client.
 */
abstract class MonitoringRoute extends RouteBuilder {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final GatewayHttpServer http;
    private final String path;
    private final String routeId;
    private final String what;
    private final boolean enabled;
    private final ClientNetworks allowed;

    /** @param what what the endpoint reads, for the log and the reply to a failure */
    MonitoringRoute(GatewayHttpServer http, String path, String routeId, String what, boolean enabled,
            MetricsConfig config) {
        this.http = http;
        this.path = path;
        this.routeId = routeId;
        this.what = what;
        this.enabled = enabled;
        this.allowed = new ClientNetworks(MetricsConfig.PID + ": allowedClients", config.allowedClients());
    }

    @Override
    public final void configure() {
        if (!enabled) {
            return;
        }
        onException(Exception.class)
                .handled(true)
                .process(this::failed);
        from(http.httpUri(path, "GET")).routeId(routeId)
                .process(this::answer);
    }

    /** Answers a request from an allowed client. */
    abstract void reply(Exchange exchange) throws Exception;

    private void answer(Exchange exchange) throws Exception {
        if (!HttpReply.refuseUnlessAllowed(exchange, allowed)) {
            reply(exchange);
        }
    }

    private void failed(Exchange exchange) {
        log.error("The {} could not be read", what, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        HttpReply.send(exchange, 500, HttpReply.TEXT, "the " + what + " could not be read; see the gateway's log\n");
    }
}
