package org.pilegate.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.PriceComponent;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

class TariffCommandTest {

    private static final PriceComponent ENERGY = new PriceComponent(Component.ENERGY, new BigDecimal("0.39"),
            Optional.of(new BigDecimal("19")), 1);
    private static final Tariff TARIFF = new Tariff("depot-day", Currency.getInstance("EUR"),
            List.of(new TariffElement(List.of(ENERGY), TariffRestrictions.NONE)), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    @Test
    void pricesCarryTheirUnitAndStep() {
        assertEquals("0.39 EUR/kWh", TariffCommand.price(ENERGY, TARIFF));
        assertEquals("1 Wh", TariffCommand.step(ENERGY));
        PriceComponent parking = new PriceComponent(Component.PARKING_TIME, new BigDecimal("6.00"), Optional.empty(),
                60);
        assertEquals("6.00 EUR/h", TariffCommand.price(parking, TARIFF));
        assertEquals("60 s", TariffCommand.step(parking));
    }

    @Test
    void restrictionsReadAsWhenTheElementApplies() {
        TariffRestrictions night = new TariffRestrictions(Optional.of(LocalTime.of(22, 0)),
                Optional.of(LocalTime.of(6, 0)), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(new BigDecimal("50")), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(4)),
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY));

        assertEquals("from 22:00, until 06:00, on [MONDAY, SATURDAY], below 50 kWh, within PT4H",
                TariffCommand.applies(night));
        assertEquals("always", TariffCommand.applies(TariffRestrictions.NONE));
    }
}
