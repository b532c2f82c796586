package org.pilegate.api.money;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units of one currency (cents for EUR, yen for JPY).
 * Never floating point, so fees add up to the cent; arithmetic throws {@link ArithmeticException}
 * on overflow and {@link IllegalArgumentException} when currencies are mixed.
 *
 * @param minorUnits amount in the currency's minor unit, may be negative
 * @param currency ISO 4217 currency that has a minor unit
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException(
                    "currency " + currency.getCurrencyCode() + " has no minor unit");
        }
    }

    /** Amount of {@code minorUnits} in the currency with the given ISO 4217 code, e.g. "EUR". */
    public static Money of(long minorUnits, String isoCode) {
        Objects.requireNonNull(isoCode, "isoCode");
        Currency currency;
        try {
            currency = Currency.getInstance(isoCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency code '" + isoCode + "'", e);
        }
        return new Money(minorUnits, currency);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(minorUnits, sameCurrency(other).minorUnits), currency);
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(minorUnits, sameCurrency(other).minorUnits), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    /** Orders amounts of the same currency; amounts of different currencies are not comparable. */
    @Override
    public int compareTo(Money other) {
        return Long.compare(minorUnits, sameCurrency(other).minorUnits);
    }

    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /** ISO code, a space and the amount with the currency's decimals, e.g. "EUR -12.34", "JPY 500". */
    @Override
    public String toString() {
        String sign = minorUnits < 0 ? "-" : "";
        // read as unsigned so that negating Long.MIN_VALUE still gives its magnitude
        long magnitude = minorUnits < 0 ? -minorUnits : minorUnits;
        int digits = currency.getDefaultFractionDigits();
        String prefix = currency.getCurrencyCode() + " " + sign;
        if (digits == 0) {
            return prefix + Long.toUnsignedString(magnitude);
        }
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        String fraction = Long.toString(Long.remainderUnsigned(magnitude, scale));
        return prefix + Long.toUnsignedString(Long.divideUnsigned(magnitude, scale))
                + "." + "0".repeat(digits - fraction.length()) + fraction;
    }

    private Money sameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: "
                    + currency.getCurrencyCode() + " vs " + other.currency.getCurrencyCode());
        }
        return other;
    }
}
