package org.pilegate.api.tariff;

import java.util.List;
import java.util.Objects;

import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.FeeLine;

/**
 * A session's price, itemised as a fee notice shows it.
 *
 * @param total amount due: the sum of the lines' totals (including VAT where the lines state it)
 * @param lines the billed components, in display order
 * @param tariffId the tariff that priced it
 */
public record PricedSession(Money total, List<FeeLine> lines, String tariffId) {

    public PricedSession {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(tariffId, "tariffId");
        lines = List.copyOf(lines);
        Money sum = Money.zero(total.currency());
        for (FeeLine line : lines) {
            sum = sum.plus(line.total());
        }
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("total " + total + " differs from the sum of lines " + sum);
        }
    }
}
