package org.pilegate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.SessionTimeline;

/** Sessions of a depot priced by hand: boundaries met between samples, clock changes, weekends, price limits. */
class TariffCalculatorTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static SessionFee price(String tariffJson, SessionTimeline session) {
        return TariffCalculator.price(TariffJson.read(tariffJson), AMSTERDAM, session);
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(AMSTERDAM).toInstant();
    }

    static final String PEAK_AFTER_1700 = """
            {"id": "peak", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 19, "step_size": 1}],
               "restrictions": {"start_time": "07:00", "end_time": "17:00"}},
              {"price_components": [{"type": "ENERGY", "price": 0.45, "vat": 19, "step_size": 1}]}]}""";

    /**
     * 1000 Wh flow from 16:58 to 17:05: 2/7 of them, 285.714 Wh, before 17:00. With the 2000 Wh before 16:58 the day
     * rate bills 2285.714, rounded half up to 2286 Wh (0.6858 → 0.69 + 0.13 VAT); the rest of the 5000 Wh, 2714 Wh,
     * is billed at the peak rate (1.2213 → 1.22 + 0.23 VAT). The meter's absolute register starts at 100 kWh.
     */
    @Test
    void energyIsSplitAt1700ByInterpolatingBetweenTheSamplesAroundIt() {
        SessionTimeline session = Timelines.startingAt(local("2026-11-23T16:40"), 100_000)
                .charge(Duration.ofMinutes(18), 2_000)
                .charge(Duration.ofMinutes(7), 1_000)
                .charge(Duration.ofMinutes(15), 2_000).end();

        SessionFee fee = price(PEAK_AFTER_1700, session);

        assertEquals(List.of("ENERGY 2286 Wh 69+13", "ENERGY 2714 Wh 122+23"), FeeLines.of(fee));
        assertEquals(227, fee.total().minorUnits());
    }

    private static final String NIGHT_RATE = """
            {"id": "night", "currency": "EUR", "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.20, "step_size": 1}],
               "restrictions": {"start_time": "22:00", "end_time": "06:00"}},
              {"price_components": [{"type": "ENERGY", "price": 0.40, "step_size": 1}]}]}""";

    /**
     * Saturday 20:00 to Sunday 08:00 on 25 October 2026, when the clocks go back at 03:00: 13 hours at 3.6 kW. The
     * night from 22:00 CEST to 06:00 CET lasts 9 hours (32.4 kWh at 0.20), the evening and morning 4 (14.4 kWh at
     * 0.40): energy is split by elapsed time, not by the wall clock.
     */
    @Test
    void nightRateCoversNineHoursWhenTheClocksGoBack() {
        SessionTimeline session = Timelines.startingAt("2026-10-24T20:00", AMSTERDAM)
                .charge(Duration.ofHours(13), 46_800).end();
        assertEquals(LocalDateTime.parse("2026-10-25T08:00"), session.end().atZone(AMSTERDAM).toLocalDateTime());

        SessionFee fee = price(NIGHT_RATE, session);

        assertEquals(List.of("ENERGY 14400 Wh 576+?", "ENERGY 32400 Wh 648+?"), FeeLines.of(fee));
    }

    /** Saturday 20:00 to Sunday 08:00 on 29 March 2026, clocks forward at 02:00: the night lasts 7 of 11 hours. */
    @Test
    void nightRateCoversSevenHoursWhenTheClocksGoForward() {
        SessionTimeline session = Timelines.startingAt("2026-03-28T20:00", AMSTERDAM)
                .charge(Duration.ofHours(11), 39_600).end();
        assertEquals(LocalDateTime.parse("2026-03-29T08:00"), session.end().atZone(AMSTERDAM).toLocalDateTime());

        SessionFee fee = price(NIGHT_RATE, session);

        assertEquals(List.of("ENERGY 14400 Wh 576+?", "ENERGY 25200 Wh 504+?"), FeeLines.of(fee));
    }

    private static final String HOUR_PRICED_FROM_0230 = """
            {"id": "h", "currency": "EUR", "elements": [{
              "price_components": [{"type": "TIME", "price": 6.00, "step_size": 1}],
              "restrictions": {"start_time": "%s", "end_time": "%s"}}]}""";

    /** 02:30 never happens on 29 March 2026: the window 02:30–04:00 opens when the clock jumps to 03:00. */
    @Test
    void timeWindowStartingInTheSkippedHourOpensAtTheJump() {
        SessionFee fee = price(HOUR_PRICED_FROM_0230.formatted("02:30", "04:00"),
                Timelines.startingAt("2026-03-29T01:00", AMSTERDAM).charge(Duration.ofHours(2), 10_000).end());

        assertEquals(List.of("TIME 3600 s 600+?"), FeeLines.of(fee));
    }

    /** 02:00–02:30 happens twice on 25 October 2026 (CEST, then CET): an hour in all. */
    @Test
    void timeWindowInTheRepeatedHourHoldsTwice() {
        SessionFee fee = price(HOUR_PRICED_FROM_0230.formatted("02:00", "02:30"),
                Timelines.startingAt("2026-10-25T01:00", AMSTERDAM).charge(Duration.ofHours(4), 10_000).end());

        assertEquals(List.of("TIME 3600 s 600+?"), FeeLines.of(fee));
    }

    /** Friday 22:00 to Saturday 02:00 at 10 kW: 20 kWh at the weekday price 0.35, 20 kWh at the weekend price 0.25. */
    @Test
    void weekendPriceStartsAtMidnightOnSaturday() {
        String tariff = """
                {"id": "weekend", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.25, "step_size": 1}],
                   "restrictions": {"day_of_week": ["SATURDAY", "SUNDAY"]}},
                  {"price_components": [{"type": "ENERGY", "price": 0.35, "step_size": 1}]}]}""";

        SessionFee fee = price(tariff,
                Timelines.startingAt("2026-11-27T22:00", AMSTERDAM).charge(Duration.ofHours(4), 40_000).end());

        assertEquals(List.of("ENERGY 20000 Wh 700+?", "ENERGY 20000 Wh 500+?"), FeeLines.of(fee));
    }

    /** 15 kWh evenly in an hour reach 10 kWh after 40 minutes; charging time is priced from there: 20 min at 3.00/h. */
    @Test
    void kwhThresholdBetweenSamplesSplitsTheTimeAtTheInterpolatedInstant() {
        String tariff = """
                {"id": "kwh", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]},
                  {"price_components": [{"type": "TIME", "price": 3.00, "step_size": 60}],
                   "restrictions": {"min_kwh": 10}}]}""";

        SessionFee fee = price(tariff,
                Timelines.startingAt("2026-11-23T10:00", AMSTERDAM).charge(Duration.ofHours(1), 15_000).end());

        assertEquals(List.of("ENERGY 15000 Wh 450+?", "TIME 1200 s 100+?"), FeeLines.of(fee));
    }

    /** "0.39 EUR/kWh, 1.20 EUR/h charging after 4 h": 5 hours of charging bill one hour of time. */
    @Test
    void timeFeeAfterFourHours() {
        String tariff = """
                {"id": "long", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1}]},
                  {"price_components": [{"type": "TIME", "price": 1.20, "step_size": 60}],
                   "restrictions": {"min_duration": 14400}}]}""";

        SessionFee fee = price(tariff,
                Timelines.startingAt("2026-11-23T08:00", AMSTERDAM).charge(Duration.ofHours(5), 30_000).end());

        assertEquals(List.of("ENERGY 30000 Wh 1170+?", "TIME 3600 s 120+?"), FeeLines.of(fee));
    }

    /** Without incl_vat, the min_price top-up carries no VAT: 0.30 + 0.06 VAT, topped up by 1.70. */
    @Test
    void minPriceWithoutInclVatTopsUpWithVatUnknown() {
        String tariff = """
                {"id": "min", "currency": "EUR", "min_price": {"excl_vat": 2.00}, "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 19, "step_size": 1}]}]}""";

        SessionFee fee = price(tariff,
                Timelines.startingAt("2026-11-23T08:00", AMSTERDAM).charge(Duration.ofMinutes(6), 1_000).end());

        assertEquals(List.of("ENERGY 1000 Wh 30+6", "FLAT 1 min_price 170+?"), FeeLines.of(fee));
        assertEquals(206, fee.total().minorUnits());
    }

    /** Without incl_vat, max_price caps the amount excluding VAT and the VAT follows it: 10.00 + 1.90. */
    @Test
    void maxPriceWithoutInclVatKeepsTheVatRate() {
        String tariff = """
                {"id": "max", "currency": "EUR", "max_price": {"excl_vat": 10.00}, "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 19, "step_size": 1}]}]}""";

        SessionFee fee = price(tariff,
                Timelines.startingAt("2026-11-23T08:00", AMSTERDAM).charge(Duration.ofHours(3), 30_000).end());

        assertEquals(List.of("ENERGY 30000 Wh 1000+190"), FeeLines.of(fee));
        assertEquals(1785, fee.priceLimit().orElseThrow().totalBefore().minorUnits());
    }

    /** A meter that reports no current cannot satisfy max_current: the unrestricted element prices the time. */
    @Test
    void unknownCurrentFailsACurrentRestriction() {
        String tariff = """
                {"id": "amps", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "TIME", "price": 1.00, "step_size": 1}],
                   "restrictions": {"max_current": 32}},
                  {"price_components": [{"type": "TIME", "price": 2.00, "step_size": 1}]}]}""";
        SessionTimeline known = Timelines.startingAt("2026-11-23T08:00", AMSTERDAM).current(16)
                .charge(Duration.ofHours(1), 11_000).end();
        SessionTimeline unknown = Timelines.startingAt("2026-11-23T08:00", AMSTERDAM)
                .charge(Duration.ofHours(1), 11_000).end();

        assertEquals(List.of("TIME 3600 s 100+?"), FeeLines.of(price(tariff, known)));
        assertEquals(List.of("TIME 3600 s 200+?"), FeeLines.of(price(tariff, unknown)));
    }

    /**
     * Before the first reading of a session nothing says its power: there max_power does not hold (unknown is not
     * 0 W) and the unrestricted element prices the time; from the reading of 11 kW on, the slow rate does.
     */
    @Test
    void unknownPowerFailsAPowerRestriction() {
        String tariff = """
                {"id": "slow", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "TIME", "price": 1.00, "vat": 19, "step_size": 1}],
                   "restrictions": {"max_power": 22}},
                  {"price_components": [{"type": "TIME", "price": 2.00, "vat": 19, "step_size": 1}]}]}""";
        Instant start = local("2026-11-23T08:00");
        SessionTimeline session = new SessionTimeline(start, start.plus(Duration.ofMinutes(70)), List.of(
                new MeterSample(start, 5_000, OptionalLong.empty(), OptionalInt.empty(), true),
                new MeterSample(start.plus(Duration.ofMinutes(10)), 5_000, 11_000, OptionalInt.empty(), true),
                new MeterSample(start.plus(Duration.ofMinutes(70)), 16_000, 0, OptionalInt.empty(), false)));

        assertEquals(List.of("TIME 600 s 33+6", "TIME 3600 s 100+19"), FeeLines.of(price(tariff, session)));
    }

    /**
     * OCPI: a price component without vat has its VAT unknown, not 0 %. Its line states none, and the fee claims no
     * total including VAT; the amount due is what the lines state. A vat of 0 is known: 0 %.
     */
    @Test
    void aComponentWithoutVatLeavesTheVatUnknownAndNoTotalIncludingVatIsClaimed() {
        SessionTimeline session = Timelines.startingAt("2026-11-23T08:00", AMSTERDAM)
                .charge(Duration.ofHours(1), 10_000).end();

        SessionFee unknown = price("""
                {"id": "mixed", "currency": "EUR", "elements": [{"price_components": [
                  {"type": "FLAT", "price": 1.00, "vat": 19},
                  {"type": "ENERGY", "price": 0.40, "step_size": 1}]}]}""", session);
        SessionFee zero = price("""
                {"id": "zero", "currency": "EUR", "elements": [{"price_components": [
                  {"type": "FLAT", "price": 1.00, "vat": 19},
                  {"type": "ENERGY", "price": 0.40, "vat": 0, "step_size": 1}]}]}""", session);

        assertEquals(List.of("FLAT 1 session 100+19", "ENERGY 10000 Wh 400+?"), FeeLines.of(unknown));
        assertEquals(519, unknown.total().minorUnits(), "due: what the lines state");
        assertEquals(Optional.empty(), unknown.totalInclVat());
        assertEquals(Optional.empty(), unknown.totalVat());
        assertEquals(500, unknown.totalExVat().minorUnits());

        assertEquals(List.of("FLAT 1 session 100+19", "ENERGY 10000 Wh 400+0"), FeeLines.of(zero));
        assertEquals(Optional.of(519L), zero.totalInclVat().map(total -> total.minorUnits()));
        assertEquals(Optional.of(19L), zero.totalVat().map(vat -> vat.minorUnits()));
    }

    /** After the last sample its state holds until the end, with no more energy: here 30 minutes of parking. */
    @Test
    void lastSampleHoldsUntilTheEnd() {
        Instant start = local("2026-11-23T08:00");
        SessionTimeline session = new SessionTimeline(start, start.plus(Duration.ofMinutes(90)), List.of(
                new MeterSample(start, 5_000, 11_000, OptionalInt.empty(), true),
                new MeterSample(start.plus(Duration.ofHours(1)), 16_000, 0, OptionalInt.empty(), false)));
        String tariff = """
                {"id": "park", "currency": "EUR", "elements": [{"price_components": [
                  {"type": "ENERGY", "price": 0.40, "step_size": 1},
                  {"type": "PARKING_TIME", "price": 6.00, "step_size": 60}]}]}""";

        assertEquals(List.of("ENERGY 11000 Wh 440+?", "PARKING_TIME 1800 s 300+?"),
                FeeLines.of(price(tariff, session)));
    }

    /** Before the first sample its state holds from the start, with no energy: here 2 minutes of parking. */
    @Test
    void firstSampleHoldsFromTheStart() {
        Instant start = local("2026-11-23T08:00");
        SessionTimeline session = new SessionTimeline(start, start.plus(Duration.ofMinutes(62)), List.of(
                new MeterSample(start.plus(Duration.ofMinutes(2)), 5_000, 0, OptionalInt.empty(), false),
                new MeterSample(start.plus(Duration.ofMinutes(2)), 5_000, 11_000, OptionalInt.empty(), true),
                new MeterSample(start.plus(Duration.ofMinutes(62)), 16_000, 0, OptionalInt.empty(), false)));
        String tariff = """
                {"id": "park", "currency": "EUR", "elements": [{"price_components": [
                  {"type": "ENERGY", "price": 0.40, "step_size": 1},
                  {"type": "PARKING_TIME", "price": 6.00, "step_size": 60}]}]}""";

        assertEquals(List.of("ENERGY 11000 Wh 440+?", "PARKING_TIME 120 s 20+?"), FeeLines.of(price(tariff, session)));
    }

    @Test
    void sessionWithoutTimeOrEnergyPaysOnlyTheFlatFee() {
        Instant start = local("2026-11-23T08:00");
        SessionTimeline session = new SessionTimeline(start, start,
                List.of(new MeterSample(start, 5_000, 0, OptionalInt.empty(), false)));

        assertEquals(List.of("FLAT 1 session 100+19"), FeeLines.of(price("""
                {"id": "flat", "currency": "EUR", "elements": [{"price_components": [
                  {"type": "FLAT", "price": 1.00, "vat": 19}, {"type": "ENERGY", "price": 0.40, "step_size": 1}]}]}""",
                session)));
    }

    /** Currencies without minor units bill whole units: 12.5 kWh at 45 JPY is 562.5, so 563 JPY. */
    @Test
    void currencyWithoutMinorUnitsRoundsToWholeUnits() {
        SessionFee fee = price("""
                {"id": "yen", "currency": "JPY", "elements": [{"price_components": [
                  {"type": "ENERGY", "price": 45, "step_size": 1}]}]}""",
                Timelines.startingAt("2026-11-23T08:00", AMSTERDAM).charge(Duration.ofHours(1), 12_500).end());

        assertEquals(List.of("ENERGY 12500 Wh 563+?"), FeeLines.of(fee));
        assertEquals("JPY", fee.total().currency().getCurrencyCode());
    }
}
