package org.pilegate.metrics.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pilegate.metrics.HealthCheck;
import org.pilegate.routing.GatewayHttpServer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code GET /health}: whether the gateway is ready, for load balancers, orchestrators and operators. 200 with
 * {@code "status":"UP"} while no {@link HealthCheck} service is {@code DOWN}, else 503 with {@code "DOWN"}; either
 * way with every check's name, status and reason. Configured with {@link MetricsRoute} (PID
 * {@value MetricsConfig#PID}).
 */
@Component(service = RouteBuilder.class, configurationPid = MetricsConfig.PID)
public class HealthRoute extends MonitoringRoute {

    static final String PATH = "/health";
    static final String ROUTE_ID = "health";
    /** Within the usual probe timeouts (Kubernetes: 1 s by default, Prometheus blackbox: 5 s, HAProxy: 2 s+). */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final String JSON = "application/json";

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
        super(http, PATH, ROUTE_ID, "health", MetricsConfig::healthEnabled, config);
        this.checkTimeout = checkTimeout;
    }

    @Modified
    void modified(MetricsConfig config) {
        expose(config);
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
    void reply(Exchange exchange) throws JsonProcessingException {
        HealthReport report = HealthReport.of(checks, checking, checkTimeout);
        HttpReply.send(exchange, report.ready() ? 200 : 503, JSON, json.writeValueAsString(report));
    }
}
