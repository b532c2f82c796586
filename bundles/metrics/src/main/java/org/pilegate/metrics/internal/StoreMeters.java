package org.pilegate.metrics.internal;

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
import org.pilegate.api.store.EmbeddedStore;
import org.pilegate.api.store.EmbeddedStore.Activity;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;

/**
 * The embedded store: {@code pilegate_store_commits_total} (commits that waited until they were on disk),
 * {@code pilegate_store_flushes_total} (writes of the file that made them so: commits per flush is how much they are
 * shared), {@code pilegate_store_file_bytes} and {@code pilegate_store_file_live_ratio} (the share of the file that
 * is live data by H2's own count, 0 to 1: what compaction has left to give back). NaN on PostgreSQL, which has no
 * such file.
 */
@Component
public class StoreMeters {

    private final MeterGroup group;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmbeddedStore store;

    @Activate
    public StoreMeters(@Reference(name = "meters") GatewayMeters meters) {
        group = meters.group();
        Supplier<Optional<Activity>> activity = group.keep(meters.perScrape(this::read));
        group.add(FunctionCounter.builder("pilegate.store.commits", activity, a -> value(a, Activity::commits))
                .description("Commits that waited until they were on disk").register(group.registry()));
        group.add(FunctionCounter.builder("pilegate.store.flushes", activity, a -> value(a, Activity::flushes))
                .description("Writes of the store's file that made commits durable, several at once when they"
                        + " come together").register(group.registry()));
        group.add(Gauge.builder("pilegate.store.file", activity, a -> value(a, Activity::fileBytes))
                .description("Size of the store's file").baseUnit("bytes").register(group.registry()));
        group.add(Gauge.builder("pilegate.store.file.live.ratio", activity,
                        a -> value(a, now -> now.livePercent() / 100.0))
                .description("Share of the store's file that is live data by H2's own count, 0 to 1")
                .register(group.registry()));
    }

    StoreMeters(GatewayMeters meters, EmbeddedStore store) {
        this(meters);
        this.store = store;
    }

    @Deactivate
    void deactivate() {
        group.close();
    }

    private static double value(Supplier<Optional<Activity>> activity, ToDoubleFunction<Activity> value) {
        return activity.get().map(value::applyAsDouble).orElse(Double.NaN);
    }

    private Optional<Activity> read() {
        EmbeddedStore source = store;
        return source == null ? Optional.empty() : Optional.of(source.activity());
    }
}
