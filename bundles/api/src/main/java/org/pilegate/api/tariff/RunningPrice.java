package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.Optional;

/**
 * A running session's timeline, priced as it goes by the tariff in force at its start: its fee so far at every status
 * update. Not for concurrent use: one session's updates come one after another.
 */
public interface RunningPrice {

    /**
     * Appends the session's next sample.
     *
     * @throws IllegalArgumentException if it is before the last sample, or its register below the last sample's
     */
    void add(MeterSample sample);

    /**
     * The price from the session's start until {@code end}, the last sample holding until then; empty when no tariff
     * applies to the session.
     *
     * @throws IllegalArgumentException if {@code end} is before the last sample
     */
    Optional<PricedSession> until(Instant end);
}
