package org.pilegate.api.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void addsSubtractsAndMultipliesInMinorUnits() {
        Money price = Money.of(1234, "EUR");

        assertEquals(Money.of(1334, "EUR"), price.plus(Money.of(100, "EUR")));
        assertEquals(Money.of(-66, "EUR"), Money.of(1234, "EUR").minus(Money.of(1300, "EUR")));
        assertEquals(Money.of(3702, "EUR"), price.times(3));
        assertEquals(new Money(0, EUR), Money.zero(EUR));
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Money max = Money.of(Long.MAX_VALUE, "EUR");
        Money min = Money.of(Long.MIN_VALUE, "EUR");

        assertThrows(ArithmeticException.class, () -> max.plus(Money.of(1, "EUR")));
        assertThrows(ArithmeticException.class, () -> min.minus(Money.of(1, "EUR")));
        assertThrows(ArithmeticException.class, () -> max.times(2));
    }

    @Test
    void mixingCurrenciesIsRefused() {
        Money eur = Money.of(100, "EUR");
        Money chf = Money.of(100, "CHF");

        assertEquals("currency mismatch: EUR vs CHF",
                assertThrows(IllegalArgumentException.class, () -> eur.plus(chf)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> eur.minus(chf));
        assertThrows(IllegalArgumentException.class, () -> eur.compareTo(chf));
    }

    @Test
    void comparesAmountsOfOneCurrency() {
        Money small = Money.of(99, "EUR");
        Money large = Money.of(100, "EUR");

        assertTrue(small.isLessThan(large));
        assertFalse(small.isGreaterThan(large));
        assertTrue(large.isGreaterThan(small));
        assertEquals(0, large.compareTo(Money.of(100, "EUR")));
        assertTrue(Money.of(-1, "EUR").isNegative());
        assertFalse(Money.zero(EUR).isNegative());
        assertFalse(Money.zero(EUR).isPositive());
        assertTrue(Money.of(1, "EUR").isPositive());
    }

    @Test
    void printsWithTheCurrencysDecimals() {
        assertEquals("EUR 12.34", Money.of(1234, "EUR").toString());
        assertEquals("EUR 0.05", Money.of(5, "EUR").toString());
        assertEquals("EUR -12.34", Money.of(-1234, "EUR").toString());
        assertEquals("EUR -0.05", Money.of(-5, "EUR").toString());
        assertEquals("JPY 1234", Money.of(1234, "JPY").toString());
        assertEquals("JPY -7", Money.of(-7, "JPY").toString());
        assertEquals("KWD 1.005", Money.of(1005, "KWD").toString());
    }

    @Test
    void printsExtremeAmountsExactly() {
        assertEquals("EUR -92233720368547758.08", Money.of(Long.MIN_VALUE, "EUR").toString());
        assertEquals("JPY -9223372036854775808", Money.of(Long.MIN_VALUE, "JPY").toString());
        assertEquals("EUR 92233720368547758.07", Money.of(Long.MAX_VALUE, "EUR").toString());
    }

    @Test
    void rejectsUnknownCurrencyAndCurrencyWithoutMinorUnit() {
        assertEquals("unknown ISO 4217 currency code 'EURO'",
                assertThrows(IllegalArgumentException.class, () -> Money.of(1, "EURO")).getMessage());
        assertEquals("currency XXX has no minor unit",
                assertThrows(IllegalArgumentException.class, () -> Money.of(1, "XXX")).getMessage());
        assertEquals("currency",
                assertThrows(NullPointerException.class, () -> new Money(1, null)).getMessage());
    }
}
