package org.pilegate.metrics.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pilegate.metrics.HealthCheck;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /health}: whether the gateway is ready, for load balancers, orchestrators and operators. 200 with
 * {@code "status":"UP"} while no {@link HealthCheck} service is {@code DOWN}, else 503 with {@code "DOWN"}; either
 * way with every check's name, status and reason. Configured with {@link MetricsRoute} (PID
 * {@value MetricsConfig#PID}).
 */
@Component(service = RouteBuilder.class, configurationPid = MetricsConfig.PID)
public class HealthRoute extends RouteBuilder {

    static final String PATH = "/health";
    static final String ROUTE_ID = "health";
    /** Within the usual probe timeouts (Kubernetes: 1 s by default, Prometheus blackbox: 5 s, HAProxy: 2 s+). */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoute.class);

    private final GatewayHttpServer http;
    private volatile Exposure exposure;
    private final Duration checkTimeout;
    private final ObjectMapper json = new ObjectMapper();
    /** Threads are made as checks need them: one stuck on a dead database must not hold up the next probe. */
    private final ExecutorService checking = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "pilegate-health-check");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<HealthCheck> checks = List.of();

    @Activate
    public HealthRoute(@Reference(name = "http") GatewayHttpServer http, MetricsConfig config) {
        this(http, config, CHECK_TIMEOUT);
    }

    HealthRoute(GatewayHttpServer http, MetricsConfig config, Duration checkTimeout) {
        this.http = http;
        this.checkTimeout = checkTimeout;
        this.exposure = Exposure.of(config.healthEnabled(), config);
    }

    /**
     * Applies a changed configuration in place; one with a wrong value is refused naming the PID, the key and why
     * (the framework logs it), and the endpoint goes on with its last good settings.
     */
    @Modified
    void modified(MetricsConfig config) {
        exposure = Exposure.of(config.healthEnabled(), config);
    }

    HealthRoute(GatewayHttpServer http, MetricsConfig config, List<HealthCheck> checks, Duration checkTimeout) {
        this(http, config, checkTimeout);
        this.checks = List.copyOf(checks);
    }

    /** Called after the route stopped. */
    @Deactivate
    void deactivate() {
        checking.shutdownNow();
    }

    @Override
    public void configure() {
        // the route runs even when switched off, answering 404: switching it on again then needs no new route
        onException(Exception.class)
                .handled(true)
                .process(this::failed);
        from(http.httpUri(PATH, "GET")).routeId(ROUTE_ID)
                .process(this::report);
    }

    private void report(Exchange exchange) throws JsonProcessingException {
        if (exposure.refuse(exchange)) {
            return;
        }
        HealthReport report = HealthReport.of(checks, checking, checkTimeout);
        HttpReply.send(exchange, report.ready() ? 200 : 503, JSON, json.writeValueAsString(report));
    }

    private void failed(Exchange exchange) {
        LOG.error("Health could not be reported", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        HttpReply.send(exchange, 500, HttpReply.TEXT, "the health could not be read; see the gateway's log\n");
    }
}
