package org.pilegate.tariff;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tariff after the OCPI 2.2.1 Tariff object. For each dimension, the first element in the list whose restrictions
 * hold and that prices the dimension applies; a dimension no element prices at a moment costs nothing then.
 *
 * @param id identifies the tariff, up to 36 characters
 * @param currency ISO 4217 currency of every price in the tariff
 * @param elements at least one, in order of precedence
 * @param minPrice the least a session costs, excluding and (if given) including VAT
 * @param maxPrice the most a session costs, excluding and (if given) including VAT
 * @param startDateTime in force from this instant
 * @param endDateTime in force until this instant (exclusive)
 * @param ocpi the OCPI 2.2.1 Tariff object (JSON) it was read from, as written, descriptive fields and all: what a
 *        charge record shows of it; empty for a tariff made in code
 */
public record Tariff(String id, Currency currency, List<TariffElement> elements, Optional<PriceBound> minPrice,
        Optional<PriceBound> maxPrice, Optional<Instant> startDateTime, Optional<Instant> endDateTime,
        Optional<String> ocpi) {

    public Tariff {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(minPrice, "minPrice");
        Objects.requireNonNull(maxPrice, "maxPrice");
        Objects.requireNonNull(startDateTime, "startDateTime");
        Objects.requireNonNull(endDateTime, "endDateTime");
        Objects.requireNonNull(ocpi, "ocpi");
        if (id.isBlank() || id.length() > 36) {
            throw new IllegalArgumentException("id must be 1 to 36 characters, not '" + id + "'");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
        elements = List.copyOf(elements);
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("elements must not be empty");
        }
        minPrice.ifPresent(bound -> checkMinorUnits("min_price", bound, currency));
        maxPrice.ifPresent(bound -> checkMinorUnits("max_price", bound, currency));
        if (minPrice.isPresent() && maxPrice.isPresent()) {
            checkOrder("excl_vat", minPrice.get().exclVat(), maxPrice.get().exclVat());
            if (minPrice.get().inclVat().isPresent() && maxPrice.get().inclVat().isPresent()) {
                checkOrder("incl_vat", minPrice.get().inclVat().get(), maxPrice.get().inclVat().get());
            }
        }
        if (startDateTime.isPresent() && endDateTime.isPresent()
                && !startDateTime.get().isBefore(endDateTime.get())) {
            throw new IllegalArgumentException("start_date_time " + startDateTime.get()
                    + " must be before end_date_time " + endDateTime.get());
        }
    }

    /** A tariff made in code, not read from OCPI JSON. */
    public Tariff(String id, Currency currency, List<TariffElement> elements, Optional<PriceBound> minPrice,
            Optional<PriceBound> maxPrice, Optional<Instant> startDateTime, Optional<Instant> endDateTime) {
        this(id, currency, elements, minPrice, maxPrice, startDateTime, endDateTime, Optional.empty());
    }

    /** Whether the tariff is in force at {@code instant}: within its start and end date-times, where given. */
    public boolean inForceAt(Instant instant) {
        return startDateTime.map(start -> !instant.isBefore(start)).orElse(true)
                && endDateTime.map(instant::isBefore).orElse(true);
    }

    private static void checkMinorUnits(String field, PriceBound bound, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        for (BigDecimal amount : bound.inclVat().map(incl -> List.of(bound.exclVat(), incl))
                .orElse(List.of(bound.exclVat()))) {
            if (amount.stripTrailingZeros().scale() > digits) {
                throw new IllegalArgumentException(field + " " + amount.toPlainString() + " has more decimals than "
                        + currency + " has (" + digits + ")");
            }
        }
    }

    private static void checkOrder(String part, BigDecimal min, BigDecimal max) {
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min_price " + part + " " + min.toPlainString()
                    + " is above max_price " + part + " " + max.toPlainString());
        }
    }
}
