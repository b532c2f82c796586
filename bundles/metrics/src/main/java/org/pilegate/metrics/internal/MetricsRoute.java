package org.pilegate.metrics.internal;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.routing.GatewayHttpServer;

/** {@code GET /metrics}: every meter in the Prometheus text exposition format 0.0.4, for scraping. */
@Component(service = RouteBuilder.class, configurationPid = MetricsConfig.PID)
@Designate(ocd = MetricsConfig.class)
public class MetricsRoute extends MonitoringRoute {

    static final String PATH = "/metrics";
    static final String ROUTE_ID = "metrics";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final GatewayMeters meters;

    @Activate
    public MetricsRoute(@Reference(name = "http") GatewayHttpServer http,
            @Reference(name = "meters") GatewayMeters meters, MetricsConfig config) {
        super(http, PATH, ROUTE_ID, "metrics", MetricsConfig::metricsEnabled, config);
        this.meters = meters;
    }

    @Modified
    void modified(MetricsConfig config) {
        expose(config);
    }

    @Override
    void reply(Exchange exchange) {
        HttpReply.send(exchange, 200, CONTENT_TYPE, meters.scrape());
    }
}
