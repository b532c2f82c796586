package org.pilegate.metrics.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.ErrorKind;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The Modbus transport's own numbers per endpoint, read at scrape time (the transport counts, this only shows):
 * <ul>
 * <li>{@code pilegate_modbus_requests_total}, {@code _successes_total}, {@code _retries_total},
 * {@code _reconnects_total}</li>
 * <li>{@code pilegate_modbus_errors_total{kind}}: failed requests by the kind of their final failure</li>
 * <li>{@code pilegate_modbus_latency_p50_seconds}, {@code _p99_seconds}: over the most recent successes</li>
 * <li>{@code pilegate_modbus_endpoint_state{state}}: 1 for the endpoint's health (ok, degraded, down), 0 for the
 * others</li>
 * </ul>
 * all tagged {@code endpoint} ({@code tcp://host:port} or {@code serial://…}).
 */
@Component
public class ModbusMeters {

    private final GatewayMeters meters;
    private final ModbusManager transport;
    private final Map<ModbusEndpoint, MeterGroup> endpoints = new ConcurrentHashMap<>();
    private final Runnable scrapeHook = this::bindNewEndpoints;

    @Activate
    public ModbusMeters(@Reference(name = "meters") GatewayMeters meters,
            @Reference(name = "transport") ModbusManager transport) {
        this.meters = meters;
        this.transport = transport;
        meters.beforeEachScrape(scrapeHook);
    }

    @Deactivate
    void deactivate() {
        meters.stopBeforeScrape(scrapeHook);
        endpoints.values().forEach(MeterGroup::close);
    }

    /** The transport never forgets an endpoint, so neither do these meters. */
    void bindNewEndpoints() {
        transport.endpoints().forEach(endpoint -> endpoints.computeIfAbsent(endpoint, this::bind));
    }

    private MeterGroup bind(ModbusEndpoint endpoint) {
        MeterGroup group = meters.group();
        MeterRegistry registry = group.registry();
        Tags tags = Tags.of("endpoint", endpoint.toString());
        Supplier<EndpointMetrics> metrics = group.keep(meters.perScrape(() -> transport.metrics(endpoint)));
        Supplier<EndpointHealth> health = group.keep(meters.perScrape(() -> transport.health(endpoint)));

        counter(group, "pilegate.modbus.requests", "Reads and writes submitted", tags, metrics,
                EndpointMetrics::requests);
        counter(group, "pilegate.modbus.successes", "Requests answered", tags, metrics, EndpointMetrics::successes);
        counter(group, "pilegate.modbus.retries", "Attempts repeated after a failure", tags, metrics,
                EndpointMetrics::retries);
        counter(group, "pilegate.modbus.reconnects", "Connections reopened after a failure", tags, metrics,
                EndpointMetrics::reconnects);
        for (ErrorKind kind : ErrorKind.values()) {
            counter(group, "pilegate.modbus.errors", "Failed requests by the kind of their final failure",
                    tags.and("kind", lowerCase(kind)), metrics, snapshot -> snapshot.errors(kind));
        }
        latency(group, "pilegate.modbus.latency.p50", "Median duration of recent successful requests", tags,
                metrics, EndpointMetrics::latencyP50);
        latency(group, "pilegate.modbus.latency.p99", "99th percentile duration of recent successful requests",
                tags, metrics, EndpointMetrics::latencyP99);
        for (EndpointHealth.State state : EndpointHealth.State.values()) {
            group.add(Gauge.builder("pilegate.modbus.endpoint.state", health,
                            current -> current.get().state() == state ? 1 : 0)
                    .description("1 for the endpoint's health: ok, degraded (retrying) or down (retries used up)")
                    .tags(tags.and("state", lowerCase(state)))
                    .register(registry));
        }
        return group;
    }

    private static void counter(MeterGroup group, String name, String description, Tags tags,
            Supplier<EndpointMetrics> metrics, ToDoubleFunction<EndpointMetrics> value) {
        group.add(FunctionCounter.builder(name, metrics, current -> value.applyAsDouble(current.get()))
                .description(description)
                .tags(tags)
                .register(group.registry()));
    }

    private static void latency(MeterGroup group, String name, String description, Tags tags,
            Supplier<EndpointMetrics> metrics, Function<EndpointMetrics, Duration> value) {
        group.add(Gauge.builder(name, metrics, current -> value.apply(current.get()).toNanos() / 1e9)
                .description(description)
                .baseUnit("seconds")
                .tags(tags)
                .register(group.registry()));
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
