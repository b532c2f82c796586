package org.pilegate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pilegate.tariff.TariffCalculatorTest.PEAK_AFTER_1700;
import static org.pilegate.tariff.TariffCalculatorTest.local;
import static org.pilegate.tariff.TariffCalculatorTest.price;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.api.tariff.SessionTimeline;

/** The periods a session was priced in, as its charge record lists them: a new one wherever a price changes. */
class PricedPeriodsTest {

    private static final OptionalInt NONE = OptionalInt.empty();
    private static final OptionalInt FIRST = OptionalInt.of(0);
    private static final OptionalInt SECOND = OptionalInt.of(1);

    /**
     * 1000 Wh flow from 16:58 to 17:05, 2/7 of them before 17:00: with the 2000 Wh before, the day rate's period has
     * 2285.714, rounded half up to 2286 Wh, and the peak rate's from 17:00 the rest of the 5000 Wh.
     */
    @Test
    void aSessionAcrossATimeOfDayPriceHasAPeriodOnEitherSide() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T16:40"), 100_000)
                .charge(Duration.ofMinutes(18), 2_000)
                .charge(Duration.ofMinutes(7), 1_000)
                .charge(Duration.ofMinutes(15), 2_000).end();

        SessionFee fee = price(PEAK_AFTER_1700, session);

        assertEquals(List.of(new PricedPeriod(local("2026-11-23T16:40"), FIRST, NONE, NONE, 2_286, 0, 0),
                new PricedPeriod(local("2026-11-23T17:00"), SECOND, NONE, NONE, 2_714, 0, 0)), fee.price().periods());
        assertEquals(List.of("ENERGY 2286 Wh 69+13", "ENERGY 2714 Wh 122+23"), FeeLines.of(fee));
    }

    private static final String CHARGING_AND_PARKING = """
            {"id": "park", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1},
                                    {"type": "TIME", "price": 1.20, "step_size": 60},
                                    {"type": "PARKING_TIME", "price": 6.00, "step_size": 300}]}]}""";

    /**
     * 64.5 minutes of charging bill 65 (step 60 s); the half minute of parking after it is paid already, so 1320 of the
     * 1350 s parked are billed, 1500 s by the step of 300 s.
     */
    @Test
    void parkingAfterChargingIsAPeriodOfItsOwn() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T10:00"), 0)
                .charge(Duration.ofSeconds(3_870), 11_000)
                .park(Duration.ofSeconds(1_350)).end();

        SessionFee fee = price(CHARGING_AND_PARKING, session);

        assertEquals(List.of(new PricedPeriod(local("2026-11-23T10:00"), FIRST, FIRST, NONE, 11_000, 3_900, 0),
                new PricedPeriod(local("2026-11-23T11:04:30"), FIRST, NONE, FIRST, 0, 0, 1_500)),
                fee.price().periods());
        assertEquals(List.of("ENERGY 11000 Wh 330+?", "TIME 3900 s 130+?", "PARKING_TIME 1500 s 250+?"),
                FeeLines.of(fee));
    }

    private static final String ONE_PRICE = """
            {"id": "one", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1},
                                    {"type": "TIME", "price": 1.00, "step_size": 1}]}]}""";

    /** Midnight and the samples cut the session for pricing, but the price stays the same throughout. */
    @Test
    void aSessionAtOnePriceIsOnePeriod() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T23:30"), 5_000)
                .charge(Duration.ofMinutes(20), 3_000)
                .charge(Duration.ofMinutes(40), 4_000).end();

        SessionFee fee = price(ONE_PRICE, session);

        assertEquals(List.of(new PricedPeriod(local("2026-11-23T23:30"), FIRST, FIRST, NONE, 7_000, 3_600, 0)),
                fee.price().periods());
    }

    private static final String ENERGY_ONLY = """
            {"id": "energy", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1}]}]}""";

    @Test
    void parkingWhereNeitherTimeIsPricedChangesNoPrice() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T10:00"), 0)
                .charge(Duration.ofHours(1), 7_000)
                .park(Duration.ofMinutes(30)).end();

        SessionFee fee = price(ENERGY_ONLY, session);

        assertEquals(List.of(new PricedPeriod(local("2026-11-23T10:00"), FIRST, NONE, NONE, 7_000, 0, 0)),
                fee.price().periods());
    }

    private static final String DAYTIME_ONLY = """
            {"id": "daytime", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}],
               "restrictions": {"start_time": "07:00", "end_time": "17:00"}}]}""";

    /** Energy no element prices is free, and its period says how much was metered: 3 kWh of the 6 after 17:00. */
    @Test
    void freeEnergyIsAPeriodWithTheEnergyMetered() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T16:30"), 0)
                .charge(Duration.ofHours(1), 6_000).end();

        SessionFee fee = price(DAYTIME_ONLY, session);

        assertEquals(List.of(new PricedPeriod(local("2026-11-23T16:30"), FIRST, NONE, NONE, 3_000, 0, 0),
                new PricedPeriod(local("2026-11-23T17:00"), NONE, NONE, NONE, 3_000, 0, 0)), fee.price().periods());
        assertEquals(List.of("ENERGY 3000 Wh 90+?"), FeeLines.of(fee));
    }
}
