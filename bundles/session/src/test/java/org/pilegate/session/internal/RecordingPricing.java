package org.pilegate.session.internal;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;

/** A tariff, remembering every timeline it priced and counting the running sessions it was handed. */
final class RecordingPricing implements Pricing {

    final List<SessionTimeline> timelines = new CopyOnWriteArrayList<>();
    volatile int running;
    private final Pricing tariff;

    RecordingPricing(Pricing tariff) {
        this.tariff = tariff;
    }

    @Override
    public Optional<Currency> currency(PileId pile) {
        return tariff.currency(pile);
    }

    @Override
    public Optional<String> summary(PileId pile) {
        return tariff.summary(pile);
    }

    @Override
    public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
        timelines.add(timeline);
        return tariff.price(pile, timeline);
    }

    @Override
    public RunningPrice running(PileId pile, Instant start, MeterSample first) {
        running++;
        return Pricing.super.running(pile, start, first);
    }
}
