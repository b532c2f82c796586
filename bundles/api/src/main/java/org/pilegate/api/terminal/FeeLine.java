package org.pilegate.api.terminal;

import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.money.Money;

/**
 * One line of a {@link FeeNotice}: a billed quantity of one tariff component.
 *
 * @param component what is billed
 * @param quantity how much of it, in {@code unit}
 * @param unit unit of the quantity, e.g. "Wh", "min", "session"
 * @param amountExVat price of the line before VAT, not negative
 * @param vat VAT on the line, same currency, not negative; empty where the tariff states no VAT for it: the VAT is
 *        then unknown (as OCPI has it), not 0 %, and the line's amount is all that is known
 */
public record FeeLine(Component component, long quantity, String unit, Money amountExVat, Optional<Money> vat) {

    /** Tariff components a fee is made of. */
    public enum Component {
        /** Energy delivered. */
        ENERGY,
        /** Time connected while charging. */
        TIME,
        /** Time occupying the bay after charging ended. */
        PARKING_TIME,
        /** Fixed fee per session. */
        FLAT
    }

    public FeeLine {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(amountExVat, "amountExVat");
        Objects.requireNonNull(vat, "vat");
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative: " + quantity);
        }
        if (unit.isBlank()) {
            throw new IllegalArgumentException("unit must not be blank");
        }
        if (amountExVat.isNegative()) {
            throw new IllegalArgumentException("amountExVat must not be negative: " + amountExVat);
        }
        vat.ifPresent(known -> {
            if (known.isNegative()) {
                throw new IllegalArgumentException("vat must not be negative: " + known);
            }
            if (!known.currency().equals(amountExVat.currency())) {
                throw new IllegalArgumentException(
                        "vat " + known + " is not in the currency of amountExVat " + amountExVat);
            }
        });
    }

    /** The line's amount due: including its VAT where that is known, else the amount the tariff states. */
    public Money total() {
        return vat.map(amountExVat::plus).orElse(amountExVat);
    }
}
