package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import org.pilegate.api.pile.PileId;

/** What charging costs at each pile. The tariff bundle provides it; a pile without a tariff charges for free. */
public interface Pricing {

    /** The currency of the tariff in force at the pile. */
    Optional<Currency> currency(PileId pile);

    /** The tariff in force at the pile in words, for the charging prompt, e.g. "0.39 EUR/kWh, 1.00 EUR per session". */
    Optional<String> summary(PileId pile);

    /** The price of a session at the pile from its timeline; empty when no tariff applies there. */
    Optional<PricedSession> price(PileId pile, SessionTimeline timeline);

    /**
     * A session at the pile starting at {@code start} with {@code first}, to price as it goes. This one keeps every
     * sample and prices them all at each {@link RunningPrice#until}; a pricing that knows which samples cannot change
     * a price keeps fewer, so that an hours-long session costs no more to price than its first minutes.
     */
    default RunningPrice running(PileId pile, Instant start, MeterSample first) {
        return new EverySample(this, pile, start, first);
    }
}
