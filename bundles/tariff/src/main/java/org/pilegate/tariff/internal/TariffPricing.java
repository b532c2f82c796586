package org.pilegate.tariff.internal;

import java.util.Currency;
import java.util.Optional;
import java.util.OptionalInt;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.SessionSample;
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
        org.pilegate.tariff.SessionTimeline metered = new org.pilegate.tariff.SessionTimeline(timeline.start(),
                timeline.end(), timeline.samples().stream().map(sample -> new SessionSample(sample.at(),
                        sample.registerWh(), Math.max(0, sample.powerW()), OptionalInt.empty(), sample.charging()))
                        .toList());
        return tariffs.price(pile, metered).map(TariffPricing::priced);
    }

    private static PricedSession priced(SessionFee fee) {
        return new PricedSession(fee.total(), fee.lines(), fee.tariffId());
    }
}
