package org.pilegate.api.tariff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.FeeLine;

/**
 * A session's price, itemised as a fee notice shows it, and the periods it was priced in.
 *
 * @param total amount due: the sum of the lines' totals (including VAT where the lines state it)
 * @param lines the billed components, in display order
 * @param tariffId the tariff that priced it
 * @param tariff that tariff as the OCPI 2.2.1 Tariff object (JSON) it was in force as, for the charge record; empty
 *        where the pricing has none
 * @param periods the session cut where its prices change, in time order, their quantities adding up to the lines';
 *        empty where the pricing does not say
 */
public record PricedSession(Money total, List<FeeLine> lines, String tariffId, Optional<String> tariff,
        List<PricedPeriod> periods) {

    public PricedSession {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(tariffId, "tariffId");
        Objects.requireNonNull(tariff, "tariff");
        lines = List.copyOf(lines);
        periods = List.copyOf(periods);
        Money sum = Money.zero(total.currency());
        for (FeeLine line : lines) {
            sum = sum.plus(line.total());
        }
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("total " + total + " differs from the sum of lines " + sum);
        }
    }

    /** A price that does not say its periods. */
    public PricedSession(Money total, List<FeeLine> lines, String tariffId, Optional<String> tariff) {
        this(total, lines, tariffId, tariff, List.of());
    }

    /** A price by a tariff that has no OCPI form. */
    public PricedSession(Money total, List<FeeLine> lines, String tariffId) {
        this(total, lines, tariffId, Optional.empty());
    }
}
