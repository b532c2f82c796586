package org.pilegate.tariff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;

/**
 * Properties over many random tariffs and sessions, from a fixed seed so that a failure can be replayed. Sessions run
 * in Europe/Amsterdam across the year, clock changes included.
 */
class TariffCalculatorPropertiesTest {

    private static final ZoneId SITE = ZoneId.of("Europe/Amsterdam");
    private static final Instant YEAR_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final int RUNS = 2_000;
    private static final BigDecimal[] VAT_RATES = {new BigDecimal("0"), new BigDecimal("5.2"), new BigDecimal("10"),
            new BigDecimal("19"), new BigDecimal("21")};

    /** What a generated tariff may contain. */
    private record Shape(Set<Component> dimensions, boolean kwhRestrictions, boolean durationRestrictions,
            boolean unitSteps, boolean priceLimits) {
    }

    private static final Shape ANY = new Shape(EnumSet.allOf(Component.class), true, true, false, true);

    @Test
    void feeIsNeverNegativeAndKeepsWithinThePriceLimits() {
        Random random = new Random(20261126);
        for (int run = 0; run < RUNS; run++) {
            Tariff tariff = tariff(random, ANY);
            SessionTimeline session = session(random, 1);

            SessionFee fee = TariffCalculator.price(tariff, SITE, session);

            String context = "run " + run + ": " + tariff + " " + session;
            assertFalse(fee.total().isNegative(), context);
            new FeeNotice(new SessionId("s-" + run), "fee-" + run, fee.total(), fee.lines(), session.end());
            if (tariff.minPrice().isEmpty()) {
                tariff.maxPrice().ifPresent(max -> {
                    assertTrue(fee.totalExVat().compareTo(money(max.exclVat())) <= 0, context);
                    max.inclVat().ifPresent(incl -> assertTrue(fee.total().compareTo(money(incl)) <= 0, context));
                });
            }
            if (tariff.maxPrice().isEmpty()) {
                tariff.minPrice().ifPresent(min -> {
                    assertTrue(fee.totalExVat().compareTo(money(min.exclVat())) >= 0, context);
                    min.inclVat().ifPresent(incl -> assertTrue(fee.total().compareTo(money(incl)) >= 0, context));
                });
            }
        }
    }

    /**
     * Splitting a session at a sample into two sessions changes the total by at most 3 minor units per line of the
     * whole session: per line, rounding the amount excluding VAT of the whole and of the two parts differs by at most
     * 1, and their VAT by at most 2 (three roundings of ½ and that 1 times the VAT rate). This holds for tariffs
     * without what is per session by nature (FLAT, price limits, kWh and duration counted from the start) and with
     * step_size 1; larger steps round each part up again, by up to a step per stretch.
     */
    @Test
    void splittingASessionAtASampleChangesTheTotalOnlyByRounding() {
        Random random = new Random(42);
        Shape shape = new Shape(EnumSet.of(Component.ENERGY, Component.TIME, Component.PARKING_TIME), false, false,
                true, false);
        for (int run = 0; run < RUNS; run++) {
            Tariff tariff = tariff(random, shape);
            SessionTimeline session = session(random, 1);
            if (session.samples().size() < 3) {
                continue;
            }
            int at = 1 + random.nextInt(session.samples().size() - 2);
            List<MeterSample> samples = session.samples();
            SessionTimeline first = new SessionTimeline(session.start(), samples.get(at).at(),
                    samples.subList(0, at + 1));
            SessionTimeline second = new SessionTimeline(samples.get(at).at(), session.end(),
                    samples.subList(at, samples.size()));

            SessionFee whole = TariffCalculator.price(tariff, SITE, session);
            long parts = TariffCalculator.price(tariff, SITE, first).total().minorUnits()
                    + TariffCalculator.price(tariff, SITE, second).total().minorUnits();

            long bound = 3L * whole.lines().size();
            assertTrue(Math.abs(whole.total().minorUnits() - parts) <= bound, "run " + run + ": whole "
                    + whole.total() + ", parts " + parts + ", bound " + bound + ": " + tariff + " " + session);
        }
    }

    /**
     * A running session priced as it goes costs, at every point, what its every sample priced at once does, though it
     * keeps only the samples that can change the price: meters read every few seconds, the power wandering by a few
     * watts across the tariff's power bounds or not, time and kWh boundaries crossed on the way.
     */
    @Test
    void aRunningSessionCostsWhatItsEverySampleDoes() {
        Random random = new Random(2026_12_05);
        for (int run = 0; run < RUNS / 4; run++) {
            Tariff tariff = tariff(random, ANY);
            List<MeterSample> samples = meterReadings(random);
            Instant start = samples.get(0).at().minusSeconds(random.nextInt(3) * 60L);
            RunningPrice running = TariffCalculator.running(tariff, SITE, start, samples.get(0));
            for (int i = 1; i < samples.size(); i++) {
                running.add(samples.get(i));
                if (random.nextInt(8) == 0 || i + 1 == samples.size()) {
                    Instant end = samples.get(i).at().plusSeconds(random.nextInt(2) * random.nextInt(600));
                    PricedSession every = TariffCalculator.price(tariff, SITE,
                            new SessionTimeline(start, end, samples.subList(0, i + 1))).price();
                    assertEquals(every, running.until(end).orElseThrow(), "run " + run + " at sample " + i + ": "
                            + tariff + " " + samples.subList(0, i + 1));
                }
            }
        }
    }

    /**
     * A few phases of one state each (charging at a power, or parked), read every 0 to 90 seconds; the power read
     * wanders by up to 50 W, and now and then the current is known.
     */
    private static List<MeterSample> meterReadings(Random random) {
        Instant now = YEAR_START.plusSeconds(60L * random.nextInt(365 * 24 * 60));
        long register = random.nextInt(100_000_000);
        List<MeterSample> samples = new ArrayList<>();
        for (int phase = 0, phases = 1 + random.nextInt(4); phase < phases; phase++) {
            boolean charging = random.nextInt(10) < 7;
            long powerW = charging ? pick(random, 3_680, 7_390, 11_000, 22_000, 49_990) : 0;
            OptionalInt current = random.nextInt(4) == 0 ? OptionalInt.of(random.nextInt(64)) : OptionalInt.empty();
            for (int reading = 0, readings = 1 + random.nextInt(60); reading < readings; reading++) {
                long readW = charging ? Math.max(0, powerW + random.nextInt(101) - 50) : 0;
                samples.add(new MeterSample(now, register, readW, current, charging));
                long seconds = random.nextInt(10) == 0 ? 0 : random.nextInt(91);
                now = now.plusSeconds(seconds);
                register += random.nextInt(20) == 0 ? random.nextInt(50) : readW * seconds / 3600;
            }
        }
        return samples;
    }

    /**
     * More energy anywhere in a session never lowers the ENERGY amount, for ENERGY billed per Wh (step_size 1) by
     * restrictions that energy does not move (time of day, day of week, power, current, duration) and samples on
     * a quarter-hour grid, which every such boundary falls on.
     */
    @Test
    void addingEnergyNeverLowersTheEnergyAmount() {
        Random random = new Random(7);
        Shape shape = new Shape(EnumSet.of(Component.ENERGY, Component.TIME), false, true, true, false);
        for (int run = 0; run < RUNS; run++) {
            assertMoreEnergyCostsNoLess(random, tariff(random, shape), run);
        }
    }

    /** Likewise for one ENERGY price with any step_size: the whole session rounds up to the one step. */
    @Test
    void addingEnergyNeverLowersTheEnergyAmountOfOnePriceWithAnyStep() {
        Random random = new Random(8);
        for (int run = 0; run < RUNS; run++) {
            PriceComponent energy = new PriceComponent(Component.ENERGY, price(random), vat(random),
                    pick(random, 1, 10, 100, 250, 1000, 5000));
            Tariff tariff = new Tariff("one", EUR, List.of(new TariffElement(List.of(energy),
                    TariffRestrictions.NONE)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            assertMoreEnergyCostsNoLess(random, tariff, run);
        }
    }

    /**
     * The periods a session was priced in follow each other in time, change price from one to the next, and add up
     * per dimension to the fee's lines, whatever the tariff and its step sizes.
     */
    @Test
    void periodsAddUpToTheLinesOfEachDimension() {
        Random random = new Random(2026_12_04);
        Shape anySteps = new Shape(EnumSet.allOf(Component.class), true, true, false, false);
        for (int run = 0; run < RUNS; run++) {
            Tariff tariff = tariff(random, anySteps);
            SessionTimeline session = session(random, 1);

            SessionFee fee = TariffCalculator.price(tariff, SITE, session);

            String context = "run " + run + ": " + tariff + " " + session;
            List<PricedPeriod> periods = fee.price().periods();
            assertEquals(session.start(), periods.get(0).start(), context);
            for (int i = 1; i < periods.size(); i++) {
                PricedPeriod before = periods.get(i - 1);
                PricedPeriod period = periods.get(i);
                assertFalse(period.start().isBefore(before.start()), context);
                assertFalse(before.energyElement().equals(period.energyElement())
                        && before.timeElement().equals(period.timeElement())
                        && before.parkingElement().equals(period.parkingElement()), "prices change: " + context);
            }
            assertEquals(quantity(fee, Component.ENERGY), periods.stream().filter(p -> p.energyElement().isPresent())
                    .mapToLong(PricedPeriod::energyWh).sum(), context);
            assertEquals(quantity(fee, Component.TIME), periods.stream().mapToLong(PricedPeriod::chargingSeconds)
                    .sum(), context);
            assertEquals(quantity(fee, Component.PARKING_TIME), periods.stream()
                    .mapToLong(PricedPeriod::parkingSeconds).sum(), context);
        }
    }

    private static long quantity(SessionFee fee, Component dimension) {
        return fee.lines().stream().filter(line -> line.component() == dimension).mapToLong(FeeLine::quantity).sum();
    }

    private static void assertMoreEnergyCostsNoLess(Random random, Tariff tariff, int run) {
        SessionTimeline session = session(random, 900);
        List<MeterSample> more = new ArrayList<>(session.samples());
        int from = 1 + random.nextInt(Math.max(1, more.size() - 1));
        long added = 1 + random.nextInt(5_000);
        for (int i = from; i < more.size(); i++) {
            MeterSample s = more.get(i);
            more.set(i, new MeterSample(s.at(), s.registerWh() + added, s.powerW(), s.currentA(), s.charging()));
        }
        SessionTimeline moreEnergy = new SessionTimeline(session.start(), session.end(), more);

        long before = energyAmount(TariffCalculator.price(tariff, SITE, session));
        long after = energyAmount(TariffCalculator.price(tariff, SITE, moreEnergy));

        assertTrue(after >= before, "run " + run + ": " + before + " before, " + after + " with " + added
                + " Wh more from sample " + from + ": " + tariff + " " + session);
    }

    private static long energyAmount(SessionFee fee) {
        return fee.lines().stream()
                .filter(line -> line.component() == FeeLine.Component.ENERGY)
                .mapToLong(line -> line.total().minorUnits())
                .sum();
    }

    private static Tariff tariff(Random random, Shape shape) {
        List<TariffElement> elements = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            List<Component> dimensions = new ArrayList<>(shape.dimensions());
            Collections.shuffle(dimensions, random);
            List<PriceComponent> components = new ArrayList<>();
            for (Component dimension : dimensions.subList(0, 1 + random.nextInt(dimensions.size()))) {
                components.add(new PriceComponent(dimension, price(random), vat(random), step(random, dimension,
                        shape)));
            }
            boolean lastIsFallback = i == count - 1 && random.nextBoolean();
            elements.add(new TariffElement(components, lastIsFallback ? TariffRestrictions.NONE
                    : restrictions(random, shape)));
        }
        Optional<PriceBound> min = Optional.empty();
        Optional<PriceBound> max = Optional.empty();
        if (shape.priceLimits()) {
            int which = random.nextInt(4);
            if (which == 1 || which == 3) {
                min = Optional.of(bound(random, 0));
            }
            if (which == 2 || which == 3) {
                max = Optional.of(bound(random, min.map(bound -> bound.inclVat().orElse(bound.exclVat())
                        .movePointRight(2).intValueExact()).orElse(0)));
            }
        }
        return new Tariff("random", EUR, elements, min, max, Optional.empty(), Optional.empty());
    }

    private static TariffRestrictions restrictions(Random random, Shape shape) {
        Optional<LocalTime> start = maybe(random, () -> LocalTime.of(random.nextInt(24), 15 * random.nextInt(4)));
        Optional<LocalTime> end = maybe(random, () -> LocalTime.of(random.nextInt(24), 15 * random.nextInt(4)))
                .filter(time -> !start.equals(Optional.of(time)));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (random.nextInt(3) == 0) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (random.nextBoolean()) {
                    days.add(day);
                }
            }
        }
        List<Optional<BigDecimal>> power = ascending(random, "0", "3.7", "7.4", "11", "22", "50");
        List<Optional<BigDecimal>> current = ascending(random, "0", "6", "16", "32", "63");
        List<Optional<BigDecimal>> kwh = shape.kwhRestrictions()
                ? ascending(random, "0.5", "1", "5", "10", "20") : List.of(Optional.empty(), Optional.empty());
        List<Optional<BigDecimal>> seconds = shape.durationRestrictions()
                ? ascending(random, "0", "900", "3600", "7200", "14400") : List.of(Optional.empty(), Optional.empty());
        Function<Optional<BigDecimal>, Optional<Duration>> duration = value -> value
                .map(s -> Duration.ofSeconds(s.longValueExact()));
        return new TariffRestrictions(start, end, Optional.empty(), Optional.empty(), kwh.get(0), kwh.get(1),
                current.get(0), current.get(1), power.get(0), power.get(1), duration.apply(seconds.get(0)),
                duration.apply(seconds.get(1)), days);
    }

    /** An optional lower and upper bound from {@code values}, the lower below the upper. */
    private static List<Optional<BigDecimal>> ascending(Random random, String... values) {
        int low = random.nextInt(values.length);
        int high = low + 1 + random.nextInt(values.length - low);
        Optional<BigDecimal> min = random.nextInt(4) == 0 ? Optional.of(new BigDecimal(values[low]))
                : Optional.empty();
        Optional<BigDecimal> max = random.nextInt(4) == 0 && high < values.length
                ? Optional.of(new BigDecimal(values[high])) : Optional.empty();
        return List.of(min, max);
    }

    private static int step(Random random, Component dimension, Shape shape) {
        if (shape.unitSteps() || dimension == Component.FLAT) {
            return 1;
        }
        return dimension == Component.ENERGY ? pick(random, 1, 10, 100, 1000) : pick(random, 1, 60, 300, 900, 1800);
    }

    private static BigDecimal price(Random random) {
        return BigDecimal.valueOf(random.nextInt(1_000), random.nextBoolean() ? 2 : 3);
    }

    private static Optional<BigDecimal> vat(Random random) {
        return random.nextInt(5) == 0 ? Optional.empty()
                : Optional.of(VAT_RATES[random.nextInt(VAT_RATES.length)]);
    }

    private static PriceBound bound(Random random, int atLeastCents) {
        int exclCents = atLeastCents + random.nextInt(3_000);
        Optional<BigDecimal> incl = maybe(random, () -> BigDecimal.valueOf(
                Math.max(exclCents + random.nextInt(600), atLeastCents), 2));
        return new PriceBound(BigDecimal.valueOf(exclCents, 2), incl);
    }

    /**
     * Up to 10 samples, each held for up to 3 hours in steps of {@code gridSeconds} (some for no time), charging at up
     * to 50 kW or parked, sometimes with the current; sometimes the last one holds on past its time.
     */
    private static SessionTimeline session(Random random, int gridSeconds) {
        long steps = 365L * 86_400 / gridSeconds;
        Instant now = YEAR_START.plusSeconds(gridSeconds * (long) random.nextInt((int) steps));
        Instant start = now;
        long register = random.nextInt(100_000_000);
        List<MeterSample> samples = new ArrayList<>();
        int count = 1 + random.nextInt(10);
        for (int i = 0; i < count; i++) {
            boolean charging = random.nextInt(10) < 7;
            long powerW = charging ? random.nextInt(50_000) : 0;
            OptionalInt current = random.nextBoolean() ? OptionalInt.of(random.nextInt(64)) : OptionalInt.empty();
            samples.add(new MeterSample(now, register, powerW, current, charging));
            long seconds = (long) gridSeconds * random.nextInt(3 * 3600 / gridSeconds + 1);
            now = now.plusSeconds(seconds);
            register += powerW * seconds / 3600;
        }
        samples.add(new MeterSample(now, register, 0, OptionalInt.empty(), false));
        Instant end = random.nextBoolean() ? now : now.plusSeconds((long) gridSeconds * random.nextInt(8));
        return new SessionTimeline(start, end, samples);
    }

    private static <T> Optional<T> maybe(Random random, Supplier<T> value) {
        return random.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    private static int pick(Random random, int... values) {
        return values[random.nextInt(values.length)];
    }

    private static Money money(BigDecimal amount) {
        return new Money(amount.movePointRight(2).longValueExact(), EUR);
    }
}
