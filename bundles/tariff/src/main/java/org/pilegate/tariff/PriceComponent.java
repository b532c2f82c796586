package org.pilegate.tariff;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.terminal.FeeLine.Component;

/**
 * How one dimension is priced (OCPI PriceComponent).
 *
 * @param type the dimension: ENERGY per kWh, TIME per hour charging, PARKING_TIME per hour not charging, FLAT per
 *        session
 * @param price per unit excluding VAT, in the tariff's currency, exact
 * @param vat VAT percentage; empty when no VAT applies, which OCPI distinguishes from 0 %
 * @param stepSize billing step in Wh (ENERGY) or seconds (TIME, PARKING_TIME), at least 1; FLAT has no unit to step
 *        and ignores it (OCPI's own free-of-charge example gives 0 there)
 */
public record PriceComponent(Component type, BigDecimal price, Optional<BigDecimal> vat, int stepSize) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PriceComponent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(vat, "vat");
        if (price.signum() < 0) {
            throw new IllegalArgumentException("price must not be negative, not " + price.toPlainString());
        }
        vat.ifPresent(percent -> {
            if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
                throw new IllegalArgumentException("vat must be a percentage from 0 to 100, not "
                        + percent.toPlainString());
            }
        });
        int leastStep = type == Component.FLAT ? 0 : 1;
        if (stepSize < leastStep) {
            throw new IllegalArgumentException("step_size must be at least " + leastStep + " for " + type + ", not "
                    + stepSize);
        }
    }
}
