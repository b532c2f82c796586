package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TariffSettingsTest {

    @TempDir
    Path etc;

    @Test
    void defaultsAreEtcTariffsTheSystemZoneAndFiveSeconds() {
        TariffSettings settings = TariffSettings.from(new TestConfig("tariffs", "", 5), Optional.of(etc));

        assertEquals(etc.resolve("tariffs"), settings.folder());
        assertEquals(ZoneId.systemDefault(), settings.siteZone());
        assertEquals(Duration.ofSeconds(5), settings.pollInterval());
    }

    @Test
    void anAbsoluteFolderAndAZoneAreTakenAsTheyAre() {
        TariffSettings settings = TariffSettings.from(new TestConfig(etc.toString(), " Europe/Amsterdam ", 1),
                Optional.empty());

        assertEquals(etc, settings.folder());
        assertEquals(ZoneId.of("Europe/Amsterdam"), settings.siteZone());
    }

    @Test
    void invalidValuesAreRefusedNamingPidKeyAndWhy() throws IOException {
        assertEquals("configuration org.pilegate.tariff: siteTimeZone: 'Europe/Amsterdm' is not a time zone (an IANA"
                + " id like Europe/Amsterdam)", refusal(new TestConfig("tariffs", "Europe/Amsterdm", 5)));
        assertEquals("configuration org.pilegate.tariff: pollIntervalS: must be 1..3600 s, not 0",
                refusal(new TestConfig("tariffs", "", 0)));
        assertEquals("configuration org.pilegate.tariff: folder: required, but empty",
                refusal(new TestConfig(" ", "", 5)));
        Path file = Files.writeString(etc.resolve("tariffs"), "not a folder");
        assertEquals("configuration org.pilegate.tariff: folder: " + file + " is a file, not a folder",
                refusal(new TestConfig("tariffs", "", 5)));
    }

    private String refusal(TariffConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> TariffSettings.from(config, Optional.of(etc)))
                .getMessage();
    }
}
