package org.pilegate.metrics.internal;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value read once per scrape: the meters of one source then show one consistent snapshot, and the source is asked
 * once per scrape, not once per meter.
 */
final class Memo<T> implements Supplier<T> {

    private final Supplier<T> source;
    private final LongSupplier scrapes;
    private T value;
    private long readInScrape = -1;

    /** @param scrapes the number of the scrape running now */
    Memo(Supplier<T> source, LongSupplier scrapes) {
        this.source = source;
        this.scrapes = scrapes;
    }

    @Override
    public synchronized T get() {
        long scrape = scrapes.getAsLong();
        if (scrape != readInScrape) {
            value = source.get();
            readInScrape = scrape;
        }
        return value;
    }
}
