package org.pilegate.metrics.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The gateway's meters in one Micrometer registry, written out in the Prometheus text format. */
@Component(service = GatewayMeters.class)
public class PrometheusMeters implements GatewayMeters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private volatile long scrapes;

    @Override
    public MeterGroup group() {
        return new MeterGroup(registry);
    }

    @Override
    public <T> Supplier<T> perScrape(Supplier<T> source) {
        return new Memo<>(source, () -> scrapes);
    }

    @Override
    public void beforeEachScrape(Runnable action) {
        beforeScrape.add(action);
    }

    @Override
    public void stopBeforeScrape(Runnable action) {
        beforeScrape.remove(action);
    }

    @Override
    public synchronized String scrape() {
        scrapes++;
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Deactivate
    void close() {
        registry.close();
    }
}
