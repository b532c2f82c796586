package org.pilegate.shell.internal;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;

import org.pilegate.api.money.Money;

/** Amounts as operators type them, "12.50 EUR", turned into exact minor units. */
final class MoneyArgument {

    private MoneyArgument() {
    }

    /** @throws IllegalArgumentException naming what is wrong with the amount or currency */
    static Money parse(String amount, String currencyCode) {
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + currencyCode, e);
        }
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(amount);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an amount: " + amount, e);
        }
        try {
            return new Money(decimal.movePointRight(currency.getDefaultFractionDigits()).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " " + currency + " has more than "
                    + currency.getDefaultFractionDigits() + " decimals or is too large", e);
        }
    }

    static String format(Money money) {
        return BigDecimal.valueOf(money.minorUnits(), money.currency().getDefaultFractionDigits()).toPlainString()
                + " " + money.currency().getCurrencyCode();
    }
}
