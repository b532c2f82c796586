package org.pilegate.tariff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;

/**
 * The price of a session, itemised, as the session service receives it, and how the tariff's price limits shaped
 * it; {@code lines} and {@code total} go into a {@link org.pilegate.api.terminal.FeeNotice} as they are.
 *
 * @param price the tariff that priced the session, and the lines: one per dimension and tariff element that billed
 *        anything, FLAT first, then ENERGY, TIME and PARKING_TIME, each in the order the elements were first used; a
 *        top-up to the minimum price comes last
 * @param priceLimit the tariff's min_price or max_price, if it changed the fee
 */
public record SessionFee(PricedSession price, Optional<PriceLimitApplied> priceLimit) {

    /** The unit of the FLAT line that tops a session up to the tariff's min_price. */
    public static final String MIN_PRICE_UNIT = "min_price";

    public SessionFee {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(priceLimit, "priceLimit");
    }

    public String tariffId() {
        return price.tariffId();
    }

    public List<FeeLine> lines() {
        return price.lines();
    }

    /** The amount due: the sum of the lines' totals, including VAT where they state it. */
    public Money total() {
        return price.total();
    }

    /** The total including VAT, if every line states its VAT; empty when any VAT is unknown. */
    public Optional<Money> totalInclVat() {
        return lines().stream().allMatch(line -> line.vat().isPresent()) ? Optional.of(total()) : Optional.empty();
    }

    public Money totalExVat() {
        return lines().stream().map(FeeLine::amountExVat).reduce(Money.zero(total().currency()), Money::plus);
    }

    /** The VAT of all lines, if every line states it. */
    public Optional<Money> totalVat() {
        return totalInclVat().map(inclVat -> inclVat.minus(totalExVat()));
    }

    /**
     * How a price limit changed the fee.
     *
     * @param kind which limit
     * @param totalBefore the total including VAT the components came to
     */
    public record PriceLimitApplied(Kind kind, Money totalBefore) {

        /** The limits of OCPI. */
        public enum Kind {
            /** A FLAT line of unit {@value SessionFee#MIN_PRICE_UNIT} raised the fee to min_price. */
            MIN_PRICE,
            /** The lines were reduced in proportion to bring the fee down to max_price. */
            MAX_PRICE
        }

        public PriceLimitApplied {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(totalBefore, "totalBefore");
        }
    }
}
