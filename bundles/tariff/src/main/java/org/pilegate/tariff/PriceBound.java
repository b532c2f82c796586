package org.pilegate.tariff;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * A price limit of a tariff (OCPI Price, used for min_price and max_price).
 *
 * @param exclVat the limit excluding VAT, in the tariff's currency
 * @param inclVat the limit including VAT, when given; then it applies as well
 */
public record PriceBound(BigDecimal exclVat, Optional<BigDecimal> inclVat) {

    public PriceBound {
        Objects.requireNonNull(exclVat, "exclVat");
        Objects.requireNonNull(inclVat, "inclVat");
        if (exclVat.signum() < 0) {
            throw new IllegalArgumentException("excl_vat must not be negative, not " + exclVat.toPlainString());
        }
        if (inclVat.filter(incl -> incl.compareTo(exclVat) < 0).isPresent()) {
            throw new IllegalArgumentException("incl_vat " + inclVat.get().toPlainString()
                    + " must not be less than excl_vat " + exclVat.toPlainString());
        }
    }
}
