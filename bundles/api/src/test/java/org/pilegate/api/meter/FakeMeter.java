package org.pilegate.api.meter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;


/** A meter driver for the tests of what follows meters: its readings are whatever the test hands in. */
public final class FakeMeter implements Meter {

    private final String id;
    private final List<Consumer<MeterReading>> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<MeterReading> latest = Optional.empty();

    public FakeMeter(String id) {
        this.id = id;
    }

    public void read(MeterReading reading) {
        latest = Optional.of(reading);
        listeners.forEach(listener -> listener.accept(reading));
    }

    /** A good reading taken now. */
    public void read(long registerWh, long powerW) {
        read(new MeterReading(Instant.now(), registerWh, powerW, ReadingQuality.GOOD, Optional.empty()));
    }

    /** How many listen to the meter now. */
    public int subscribers() {
        return listeners.size();
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
