package org.pilegate.device.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileCatalogTest {

    @TempDir
    Path etcProfiles;

    @Test
    void devicesOfOneProfileShareOneParsedProfile() {
        MeterProfile first = new ProfileCatalog(List.of()).meter("eastron-sdm630");

        assertSame(first, new ProfileCatalog(List.of(etcProfiles)).meter("eastron-sdm630"));
        assertNotSame(first, new ProfileCatalog(List.of()).meter("abb-b23"));
    }

    @Test
    void anOperatorFileWrittenAgainIsReadAgain() throws IOException {
        ProfileCatalog catalog = new ProfileCatalog(List.of(etcProfiles));
        write(100, Instant.parse("2026-01-01T00:00:00Z"));
        MeterProfile before = catalog.meter("site-meter");
        assertSame(before, catalog.meter("site-meter"));

        write(200, Instant.parse("2026-01-01T00:00:01Z"));

        assertEquals(200, catalog.meter("site-meter").points().get(MeterQuantity.ENERGY_IMPORT_WH).address());
        assertEquals(100, before.points().get(MeterQuantity.ENERGY_IMPORT_WH).address());
    }

    @Test
    void anInvalidFileIsNotKept() throws IOException {
        ProfileCatalog catalog = new ProfileCatalog(List.of(etcProfiles));
        Files.createDirectories(etcProfiles.resolve("meter"));
        Path file = etcProfiles.resolve("meter/site-meter.json");
        Files.writeString(file, "{\"id\": \"site-meter\"}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThrows(InvalidProfileException.class, () -> catalog.meter("site-meter"));

        write(300, Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals(300, catalog.meter("site-meter").points().get(MeterQuantity.ENERGY_IMPORT_WH).address());
    }

    private void write(int address, Instant modified) throws IOException {
        Files.createDirectories(etcProfiles.resolve("meter"));
        Path file = etcProfiles.resolve("meter/site-meter.json");
        Files.writeString(file, """
                {"id": "site-meter", "description": "custom", "source": "site wiring plan",
                 "points": {"ENERGY_IMPORT_WH": {"function": "READ_HOLDING_REGISTERS", "address": %d,
                                                 "type": "UINT32", "wordOrder": "CDAB", "scale": 10},
                            "ACTIVE_POWER_W": {"function": "READ_HOLDING_REGISTERS", "address": 102, "type": "INT32",
                                               "wordOrder": "CDAB", "scale": 1}}}""".formatted(address));
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
