package org.pilegate.tariff.internal;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffDirectory;

/** The tariffs in force, offered to the session service through the api bundle's pricing contract. */
@Component(service = Pricing.class)
public class TariffPricing implements Pricing {

    private final TariffDirectory tariffs;

    @Activate
    public TariffPricing(@Reference TariffDirectory tariffs) {
        this.tariffs = tariffs;
    }

    @Override
    public Optional<Currency> currency(PileId pile) {
        return tariffs.tariffFor(pile).map(Tariff::currency);
    }

    @Override
    public Optional<String> summary(PileId pile) {
        return tariffs.summaryFor(pile);
    }

    @Override
    public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
        return tariffs.price(pile, timeline).map(SessionFee::price);
    }

    @Override
    public RunningPrice running(PileId pile, Instant start, MeterSample first) {
        return tariffs.running(pile, start, first).orElseGet(Unpriced::new);
    }

    /** A session that started where no tariff was in force: it costs nothing, as {@link #price} says of it. */
    private static final class Unpriced implements RunningPrice {

        @Override
        public void add(MeterSample sample) {
            // nothing to price it by
        }

        @Override
        public Optional<PricedSession> until(Instant end) {
            return Optional.empty();
        }
    }
}
