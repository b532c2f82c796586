package org.pilegate.session.internal;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine;

/** A tariff simple enough to check by eye: 1 euro cent per 10 Wh, no VAT, at every pile. */
final class CentPerTenWh implements Pricing {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Override
    public Optional<Currency> currency(PileId pile) {
        return Optional.of(EUR);
    }

    @Override
    public Optional<String> summary(PileId pile) {
        return Optional.of("1.00 EUR/kWh");
    }

    @Override
    public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
        long wh = timeline.energyWh();
        Money amount = new Money(wh / 10, EUR);
        return Optional.of(new PricedSession(amount, List.of(new FeeLine(FeeLine.Component.ENERGY, wh, "Wh", amount,
                Optional.of(Money.zero(EUR)))), "cent-per-ten-wh"));
    }
}
