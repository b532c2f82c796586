package org.pilegate.metrics.internal;

import java.util.function.Supplier;

/**
 * The gateway's meters. Sources register their meters here; those whose set of meters grows at run time (Modbus
 * endpoints appear as drivers start) add what is new just before each scrape.
 */
public interface GatewayMeters {

    /** A group for the meters of one source; close it when the source goes. */
    MeterGroup group();

    /** {@code source} read at most once per scrape, for meters that read parts of one snapshot. */
    <T> Supplier<T> perScrape(Supplier<T> source);

    /** Runs {@code action} before every scrape, until it is {@linkplain #stopBeforeScrape stopped}. */
    void beforeEachScrape(Runnable action);

    void stopBeforeScrape(Runnable action);

    /** Every meter in the Prometheus text exposition format 0.0.4. */
    String scrape();
}
