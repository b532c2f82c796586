package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffCalculator;

/** By the shipped site tariff: 0.29 EUR/kWh 22:00-06:00, else 0.39; parking free before charging, else 6.00 EUR/h. */
class CompactTimelineTest {

    private static final ZoneId SITE = ZoneId.of("Europe/Berlin");
    private static final Tariff SITE_DEFAULT = siteDefault();

    @Test
    void anOvernightSessionReadEveryFiveSecondsKeepsAFewSamples() {
        Instant start = local("2026-12-03T18:00");
        List<MeterSample> samples = new ArrayList<>();
        for (int i = 0; i <= 8 * 720; i++) {
            // 11 kW read as 10,990-11,010 W: within no power bound of this tariff, so no different to it
            samples.add(new MeterSample(start.plusSeconds(5L * i), 50_000 + 15L * i, 10_990 + i % 21,
                    OptionalInt.empty(), true));
        }
        CompactTimeline running = running(start, samples);

        // the first and the last, and those either side of 22:00, of midnight and of the 1 Wh that ends free parking
        assertTrue(running.kept() <= 8, running.kept() + " samples kept of " + samples.size());
        Instant end = samples.get(samples.size() - 1).at();
        assertEquals(priceOfEvery(start, end, samples), running.until(end).orElseThrow());
    }

    /** The night the clocks go back: 03:00 comes twice, and that day has 25 hours. */
    @Test
    void aSessionThroughTheNightTheClocksGoBackKeepsAFewSamples() {
        Instant start = local("2026-10-24T20:00");
        List<MeterSample> samples = new ArrayList<>();
        for (int i = 0; i <= 30 * 720; i++) {
            samples.add(new MeterSample(start.plusSeconds(5L * i), 15L * i, 10_990 + i % 21, OptionalInt.empty(),
                    true));
        }
        CompactTimeline running = running(start, samples);

        assertTrue(running.kept() <= 16, running.kept() + " samples kept of " + samples.size());
        Instant end = samples.get(samples.size() - 1).at();
        assertEquals(priceOfEvery(start, end, samples), running.until(end).orElseThrow());
    }

    /** Parked past the 1 Wh that ends free parking, at a sample of no time after the one before. */
    @Test
    void aKwhBoundaryReachedAtASampleKeepsTheSampleBeforeIt() {
        Instant start = local("2026-12-03T10:00");
        List<MeterSample> samples = List.of(parked(start, 0), parked(start.plusSeconds(30), 1),
                parked(start.plusSeconds(30), 1), parked(start.plusSeconds(600), 1));

        assertSamePrice(start, samples);
    }

    /** Energy metered at 22:00 on the dot, in a reading of no time after the one before. */
    @Test
    void aTimeBoundaryAtASampleKeepsTheSampleBeforeIt() {
        Instant start = local("2026-12-03T21:59");
        Instant ten = local("2026-12-03T22:00");
        List<MeterSample> samples = List.of(charging(start, 0), charging(ten.minusSeconds(10), 100),
                charging(ten, 120), charging(ten, 2_120), charging(ten.plusSeconds(60), 2_300));

        assertSamePrice(start, samples);
    }

    @Test
    void aSampleBeforeTheLastOneIsRefused() {
        Instant start = local("2026-12-03T10:00");
        CompactTimeline running = running(start, List.of(charging(start, 0), charging(start.plusSeconds(10), 30)));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> running.add(charging(start.plusSeconds(5), 40)));
        assertTrue(refused.getMessage().startsWith("samples[2] at "), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> running.add(charging(start.plusSeconds(20), 29)));
    }

    private static void assertSamePrice(Instant start, List<MeterSample> samples) {
        CompactTimeline running = running(start, samples);
        Instant end = samples.get(samples.size() - 1).at().plusSeconds(60);
        assertEquals(priceOfEvery(start, end, samples), running.until(end).orElseThrow());
    }

    private static CompactTimeline running(Instant start, List<MeterSample> samples) {
        CompactTimeline running = (CompactTimeline) TariffCalculator.running(SITE_DEFAULT, SITE, start,
                samples.get(0));
        samples.subList(1, samples.size()).forEach(running::add);
        return running;
    }

    private static PricedSession priceOfEvery(Instant start, Instant end, List<MeterSample> samples) {
        return TariffCalculator.price(SITE_DEFAULT, SITE, new SessionTimeline(start, end, samples)).price();
    }

    private static MeterSample parked(Instant at, long registerWh) {
        return new MeterSample(at, registerWh, 0, OptionalInt.empty(), false);
    }

    private static MeterSample charging(Instant at, long registerWh) {
        return new MeterSample(at, registerWh, 7_400, OptionalInt.empty(), true);
    }

    private static Instant local(String time) {
        return LocalDateTime.parse(time).atZone(SITE).toInstant();
    }

    private static Tariff siteDefault() {
        TariffFolder folder = new TariffFolder(Path.of("../../config/tariffs"));
        folder.rescan();
        return folder.catalog().tariffFor(new PileId("sim-01"), Instant.now()).orElseThrow();
    }
}
