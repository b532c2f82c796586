package org.pilegate.metrics.internal;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters one source registered, removed together when the source goes, and what they read: Micrometer holds
 * the object a gauge or function counter reads only weakly, the group holds it for as long as its meters live.
 */
final class MeterGroup implements AutoCloseable {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final List<Object> readFrom = new ArrayList<>();

    MeterGroup(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Keeps {@code source}, which meters of this group read, for as long as the group lives. */
    synchronized <T> T keep(T source) {
        readFrom.add(source);
        return source;
    }

    synchronized <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    @Override
    public synchronized void close() {
        meters.forEach(registry::remove);
        meters.clear();
        readFrom.clear();
    }
}
