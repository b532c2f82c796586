package org.pilegate.metrics.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The gateway's meters, in one Micrometer registry written out in the Prometheus text format. Sources register
 * their meters here; those whose set of meters grows at run time (Modbus endpoints appear as drivers start) add
 * what is new just before each scrape.
 */
@Component(service = GatewayMeters.class)
public class GatewayMeters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private volatile long scrapes;

    /** A group for the meters of one source; close it when the source goes. */
    MeterGroup group() {
        return new MeterGroup(registry);
    }

    /** {@code source} read at most once per scrape, for meters that read parts of one snapshot. */
    <T> Supplier<T> perScrape(Supplier<T> source) {
        return new Memo<>(source, () -> scrapes);
    }

    /** Runs {@code action} before every scrape, until it is {@linkplain #stopBeforeScrape stopped}. */
    void beforeEachScrape(Runnable action) {
        beforeScrape.add(action);
    }

    void stopBeforeScrape(Runnable action) {
        beforeScrape.remove(action);
    }

    /** Every meter in the Prometheus text exposition format 0.0.4. */
    synchronized String scrape() {
        scrapes++;
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Deactivate
    void close() {
        registry.close();
    }
}
