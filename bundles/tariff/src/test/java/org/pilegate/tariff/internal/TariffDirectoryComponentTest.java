package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.tariff.SessionFee;

class TariffDirectoryComponentTest {

    private static final PileId BAY_07 = new PileId("bay-07");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    private final SharedThreads threads = new SharedThreads(1);
    private TariffDirectoryComponent directory;

    @AfterEach
    void deactivate() {
        if (directory != null) {
            directory.deactivate();
        }
        threads.close();
    }

    private TariffDirectoryComponent start() {
        directory = new TariffDirectoryComponent(new TestConfig(dir.toString(), "Europe/Amsterdam", 1),
                Optional.empty(), threads, Clock.fixed(NOW, ZoneOffset.UTC));
        return directory;
    }

    @Test
    void aChangedFileIsTakenUpByThePoller() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("site.json"), TariffFolderTest.tariff("site", "0.39", ""));
        Files.writeString(dir.resolve("assignments.json"), "{\"site\": [\"site\"]}");
        start();
        assertEquals(Optional.of("0.39 EUR/kWh"), directory.summaryFor(BAY_07));

        Files.writeString(dir.resolve("site.json"), TariffFolderTest.tariff("site", "0.42", ""));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!directory.summaryFor(BAY_07).equals(Optional.of("0.42 EUR/kWh")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(Optional.of("0.42 EUR/kWh"), directory.summaryFor(BAY_07));
    }

    @Test
    void pricesASessionByTheTariffInForceAtItsStart() throws IOException {
        Files.writeString(dir.resolve("site.json"), TariffFolderTest.tariff("site", "0.39", ""));
        Files.writeString(dir.resolve("assignments.json"), "{\"piles\": {\"bay-07\": [\"site\"]}}");
        start();
        SessionTimeline session = elevenKwhInAnHour();

        SessionFee fee = directory.price(BAY_07, session).orElseThrow();

        assertEquals("site", fee.tariffId());
        assertEquals(429, fee.total().minorUnits());
        assertEquals(Optional.empty(), directory.price(new PileId("bay-08"), session));
        assertEquals(Optional.empty(), directory.tariffFor(new PileId("bay-08")));
    }

    @Test
    void aPriceCarriesTheTariffAsItWasAndAnUpdateChangesOnlyLaterPrices() throws IOException {
        String before = TariffFolderTest.tariff("site", "0.39", "\"tariff_alt_text\": [],");
        Files.writeString(dir.resolve("site.json"), before);
        Files.writeString(dir.resolve("assignments.json"), "{\"site\": [\"site\"]}");
        start();
        SessionTimeline session = elevenKwhInAnHour();
        SessionFee first = directory.price(BAY_07, session).orElseThrow();

        directory.save(TariffFolderTest.tariff("site", "0.45", ""));
        SessionFee second = directory.price(BAY_07, session).orElseThrow();

        assertEquals(Optional.of(before), first.price().tariff(), "the OCPI object as written, alt text and all");
        assertEquals(Optional.of(TariffFolderTest.tariff("site", "0.45", "")), second.price().tariff());
        assertEquals(429, first.total().minorUnits());
        assertEquals(495, second.total().minorUnits());
    }

    @Test
    void aBadUpdateKeepsTheLastGoodSettingsAndAGoodOneAppliesInPlace(@TempDir Path other) throws IOException {
        Files.writeString(dir.resolve("site.json"), TariffFolderTest.tariff("site", "0.39", ""));
        Files.writeString(dir.resolve("assignments.json"), "{\"site\": [\"site\"]}");
        Files.writeString(other.resolve("night.json"), TariffFolderTest.tariff("night", "0.25", ""));
        Files.writeString(other.resolve("assignments.json"), "{\"site\": [\"night\"]}");
        start();

        assertEquals("configuration org.pilegate.tariff: siteTimeZone: 'Mars/Olympus' is not a time zone (an IANA id"
                + " like Europe/Amsterdam)", assertThrows(IllegalArgumentException.class, () -> directory.modified(
                        new TestConfig(other.toString(), "Mars/Olympus", 5))).getMessage());
        assertEquals("configuration org.pilegate.tariff: pollIntervalS: must be 1..3600 s, not 0",
                assertThrows(IllegalArgumentException.class, () -> directory.modified(
                        new TestConfig(other.toString(), "UTC", 0))).getMessage());
        assertEquals(ZoneId.of("Europe/Amsterdam"), directory.siteZone());
        assertEquals(Optional.of("0.39 EUR/kWh"), directory.summaryFor(BAY_07));

        directory.modified(new TestConfig(other.toString(), "Europe/Berlin", 5));

        assertEquals(ZoneId.of("Europe/Berlin"), directory.siteZone());
        assertEquals(Optional.of("0.25 EUR/kWh"), directory.summaryFor(BAY_07));
    }

    private static SessionTimeline elevenKwhInAnHour() {
        return new SessionTimeline(NOW, NOW.plusSeconds(3600), List.of(
                new MeterSample(NOW, 1_000, 11_000, OptionalInt.empty(), true),
                new MeterSample(NOW.plusSeconds(3600), 12_000, 0, OptionalInt.empty(), false)));
    }
}
