package org.pilegate.metrics.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /metrics}: every meter in the Prometheus text exposition format 0.0.4, for scraping. */
@Component(service = RouteBuilder.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
public class MetricsRoute extends RouteBuilder {

    static final String PATH = "/metrics";
    static final String ROUTE_ID = "metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRoute.class);

    private final GatewayHttpServer http;
    private final GatewayMeters meters;
    private volatile Exposure exposure;

    @Activate
    public MetricsRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "meters") GatewayMeters meters, MetricsConfig config) {
        this.http = http;
        this.meters = meters;
        this.exposure = Exposure.of(config.metricsEnabled(), config);
    }

    /**
     * Applies a changed configuration in place; one with a wrong value is refused naming the PID, the key and why
     * (the framework logs it), and the endpoint goes on with its last good settings.
     */
    @Modified
    void modified(MetricsConfig config) {
        exposure = Exposure.of(config.metricsEnabled(), config);
    }

    @Override
    public void configure() {
        // the route runs even when switched off, answering 404: switching it on again then needs no new route
        onException(Exception.class)
                .handled(true)
                .process(this::failed);
        from(http.httpUri(PATH, "GET")).routeId(ROUTE_ID)
                .process(this::scrape);
    }

    private void scrape(Exchange exchange) {
        if (!exposure.refuse(exchange)) {
            HttpReply.send(exchange, 200, CONTENT_TYPE, meters.scrape());
        }
    }

    private void failed(Exchange exchange) {
        LOG.error("Metrics could not be scraped", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        HttpReply.send(exchange, 500, HttpReply.TEXT, "the metrics could not be read; see the gateway's log\n");
    }
}
