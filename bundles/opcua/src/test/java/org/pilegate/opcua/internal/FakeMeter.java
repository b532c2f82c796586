package org.pilegate.opcua.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;

/** A meter driver whose readings the test hands in. */
final class FakeMeter implements Meter {

    private final String id;
    private final List<Consumer<MeterReading>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<MeterReading> latest = Optional.empty();

    FakeMeter(String id) {
        this.id = id;
    }

    void read(MeterReading reading) {
        latest = Optional.of(reading);
        listeners.forEach(listener -> listener.accept(reading));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<MeterReading> latest() {
        return latest;
    }

    @Override
    public AutoCloseable subscribe(Consumer<MeterReading> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
