package org.pilegate.metrics.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.uplink.UplinkBacklog;
import org.pilegate.api.uplink.UplinkBacklog.Backlog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;

/**
 * The fleet uplink's backlog: {@code pilegate_uplink_outbox_events{kind}} (billing, telemetry),
 * {@code pilegate_uplink_outbox_bytes}, {@code pilegate_uplink_outbox_oldest_seconds}, and the counters
 * {@code pilegate_uplink_sent_total} and {@code pilegate_uplink_telemetry_dropped_total}. NaN while the uplink is not
 * installed or its outbox cannot be read.
 */
@Component
public class UplinkMeters {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkMeters.class);

    private final MeterGroup group;
    private final Supplier<Optional<Backlog>> backlog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UplinkBacklog uplink;

    @Activate
    public UplinkMeters(@Reference(name = "meters") GatewayMeters meters) {
        group = meters.group();
        backlog = group.keep(meters.perScrape(this::read));
        gauge("pilegate.uplink.outbox.events", "Events waiting to be sent, by kind", "billing",
                Backlog::billingEvents);
        gauge("pilegate.uplink.outbox.events", "Events waiting to be sent, by kind", "telemetry",
                now -> now.events() - now.billingEvents());
        group.add(Gauge.builder("pilegate.uplink.outbox.bytes", backlog, b -> value(b, Backlog::bytes))
                .description("Size of the waiting events, counted against the disk budget").baseUnit("bytes")
                .register(group.registry()));
        group.add(Gauge.builder("pilegate.uplink.outbox.oldest", backlog, b -> value(b, UplinkMeters::oldestSeconds))
                .description("Age of the oldest waiting event; 0 when none waits").baseUnit("seconds")
                .register(group.registry()));
        group.add(FunctionCounter.builder("pilegate.uplink.sent", backlog, b -> value(b, Backlog::sent))
                .description("Events the broker acknowledged since the uplink started").register(group.registry()));
        group.add(FunctionCounter.builder("pilegate.uplink.telemetry.dropped", backlog,
                        b -> value(b, Backlog::droppedTelemetry))
                .description("Telemetry events dropped past the disk budget").register(group.registry()));
    }

    @Deactivate
    void deactivate() {
        group.close();
    }

    private void gauge(String name, String description, String kind, ToDoubleFunction<Backlog> value) {
        group.add(Gauge.builder(name, backlog, b -> value(b, value)).description(description).tag("kind", kind)
                .register(group.registry()));
    }

    private static double value(Supplier<Optional<Backlog>> backlog, ToDoubleFunction<Backlog> value) {
        return backlog.get().map(value::applyAsDouble).orElse(Double.NaN);
    }

    private static double oldestSeconds(Backlog backlog) {
        return backlog.oldest().map(oldest -> Duration.between(oldest, Instant.now()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    private Optional<Backlog> read() {
        UplinkBacklog source = uplink;
        if (source == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(source.backlog());
        } catch (RuntimeException e) {
            LOG.debug("The uplink's outbox could not be read", e);
            return Optional.empty();
        }
    }
}
