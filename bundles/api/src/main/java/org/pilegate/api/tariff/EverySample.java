package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.pile.PileId;

/**
 * A running session priced by {@link Pricing#price} from every sample it had: what a pricing that cannot tell which
 * samples change a price offers. Its cost grows with the session's length.
 */
final class EverySample implements RunningPrice {

    private final Pricing pricing;
    private final PileId pile;
    private final Instant start;
    private final List<MeterSample> samples = new ArrayList<>();

    EverySample(Pricing pricing, PileId pile, Instant start, MeterSample first) {
        this.pricing = pricing;
        this.pile = pile;
        this.start = start;
        samples.add(first);
    }

    @Override
    public void add(MeterSample sample) {
        SessionTimeline.checkNext(samples.get(samples.size() - 1), sample, samples.size());
        samples.add(sample);
    }

    @Override
    public Optional<PricedSession> until(Instant end) {
        return pricing.price(pile, new SessionTimeline(start, end, samples));
    }
}
