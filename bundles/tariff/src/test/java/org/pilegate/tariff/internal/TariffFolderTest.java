package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.InvalidTariffException;
import org.pilegate.tariff.Tariff;

class TariffFolderTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final PileId BAY_07 = new PileId("bay-07");
    private static final PileId BAY_08 = new PileId("bay-08");

    @TempDir
    Path dir;

    private TariffFolder folder() {
        return new TariffFolder(dir);
    }

    static String tariff(String id, String energyPrice, String extra) {
        return """
                {"id": "%s", "currency": "EUR", %s
                 "elements": [{"price_components": [{"type": "ENERGY", "price": %s, "step_size": 1}]}]}"""
                .formatted(id, extra, energyPrice);
    }

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content);
    }

    private static BigDecimal energyPrice(Optional<Tariff> tariff) {
        return tariff.orElseThrow().elements().get(0).component(Component.ENERGY).orElseThrow().price();
    }

    @Test
    void pilesGetTheirOwnTariffElseTheSites() throws IOException {
        write("site.json", tariff("site", "0.39", ""));
        write("fast.json", tariff("fast", "0.59", ""));
        write("assignments.json", """
                {"site": ["site"], "piles": {"bay-07": ["fast"]}}""");
        TariffFolder folder = folder();

        folder.rescan();

        assertEquals(new BigDecimal("0.59"), energyPrice(folder.catalog().tariffFor(BAY_07, NOW)));
        assertEquals(new BigDecimal("0.39"), energyPrice(folder.catalog().tariffFor(BAY_08, NOW)));
        assertEquals(Map.of(), folder.problems());
    }

    @Test
    void theFirstTariffInForceOfTheListApplies() throws IOException {
        write("old.json", tariff("site-2026", "0.39", "\"end_date_time\": \"2027-01-01T00:00:00Z\","));
        write("new.json", tariff("site-2027", "0.42", "\"start_date_time\": \"2027-01-01T00:00:00Z\","));
        write("assignments.json", """
                {"site": ["site-2026", "site-2027"]}""");
        TariffFolder folder = folder();

        folder.rescan();

        assertEquals("site-2026", folder.catalog().tariffFor(BAY_07, NOW).orElseThrow().id());
        assertEquals("site-2027",
                folder.catalog().tariffFor(BAY_07, Instant.parse("2027-01-01T00:00:00Z")).orElseThrow().id());
    }

    @Test
    void aBadVersionIsRefusedWithPathAndReasonAndThePreviousStaysInForce() throws IOException {
        write("site.json", tariff("site", "0.39", ""));
        write("assignments.json", "{\"site\": [\"site\"]}");
        TariffFolder folder = folder();
        folder.rescan();

        write("site.json", tariff("site", "\"cheap\"", ""));
        folder.rescan();

        assertEquals(new BigDecimal("0.39"), energyPrice(folder.catalog().tariffFor(BAY_07, NOW)));
        assertEquals(Map.of(dir.resolve("site.json"), "elements[0].price_components[0].price: must be a number"),
                folder.problems());

        write("site.json", tariff("site", "0.41", ""));
        folder.rescan();

        assertEquals(new BigDecimal("0.41"), energyPrice(folder.catalog().tariffFor(BAY_07, NOW)));
        assertEquals(Map.of(), folder.problems());
    }

    @Test
    void aTariffWithReservationElementsIsRefusedNamingTheFileAndNothingOfItIsInForce() throws IOException {
        write("site.json", """
                {"id": "site", "currency": "EUR", "elements": [
                  {"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1}]},
                  {"price_components": [{"type": "FLAT", "price": 5}],
                   "restrictions": {"reservation": "RESERVATION"}}]}""");
        write("assignments.json", "{\"site\": [\"site\"]}");
        TariffFolder folder = folder();
        folder.rescan();

        assertEquals(Optional.empty(), folder.catalog().tariffFor(BAY_07, NOW), "not priced without its reservations");
        assertEquals(Map.of(dir.resolve("site.json"), "elements[1].restrictions.reservation: pilegate takes no"
                + " reservations and cannot price them; remove this element, or the tariff is not used"),
                folder.problems());
    }

    @Test
    void aBadNewFileBringsNothingAndARemovedFileWithdrawsItsTariff() throws IOException {
        write("assignments.json", "{\"site\": [\"site\"]}");
        write("site.json", "{\"id\": \"site\"");
        TariffFolder folder = folder();
        folder.rescan();

        assertEquals(Optional.empty(), folder.catalog().tariffFor(BAY_07, NOW));
        assertTrue(folder.problems().get(dir.resolve("site.json")).startsWith("not valid JSON at line 1"));

        write("site.json", tariff("site", "0.39", ""));
        folder.rescan();
        assertEquals("site", folder.catalog().tariffFor(BAY_07, NOW).orElseThrow().id());

        Files.delete(dir.resolve("site.json"));
        folder.rescan();
        assertEquals(Optional.empty(), folder.catalog().tariffFor(BAY_07, NOW));
    }

    @Test
    void aTariffIdDefinedTwiceIsTakenFromTheFirstFileByName() throws IOException {
        write("a.json", tariff("site", "0.39", ""));
        write("b.json", tariff("site", "0.99", ""));
        write("assignments.json", "{\"site\": [\"site\"]}");
        TariffFolder folder = folder();

        folder.rescan();

        assertEquals(new BigDecimal("0.39"), energyPrice(folder.catalog().tariffFor(BAY_07, NOW)));
    }

    @Test
    void badAssignmentsKeepThePreviousOnes() throws IOException {
        write("site.json", tariff("site", "0.39", ""));
        write("assignments.json", "{\"site\": [\"site\"]}");
        TariffFolder folder = folder();
        folder.rescan();

        write("assignments.json", "{\"site\": [\"site\"], \"piles\": {\"bay 7\": [\"site\"]}}");
        folder.rescan();

        assertEquals("site", folder.catalog().tariffFor(BAY_07, NOW).orElseThrow().id());
        assertEquals(Map.of(dir.resolve("assignments.json"), "piles: pile id must match [A-Za-z0-9._-]{1,64}:"
                + " 'bay 7'"), folder.problems());
    }

    @Test
    void aFolderThatAppearsLaterIsReadThen() throws IOException {
        Path later = dir.resolve("later");
        TariffFolder folder = new TariffFolder(later);
        folder.rescan();
        assertEquals(Optional.empty(), folder.catalog().tariffFor(BAY_07, NOW));

        Files.createDirectory(later);
        Files.writeString(later.resolve("site.json"), tariff("site", "0.39", ""));
        Files.writeString(later.resolve("assignments.json"), "{\"site\": [\"site\"]}");
        folder.rescan();

        assertEquals("site", folder.catalog().tariffFor(BAY_07, NOW).orElseThrow().id());
    }

    @Test
    void aSavedTariffReplacesTheFileDefiningItsIdAndIsInForceAtOnce() throws IOException {
        write("prices.json", tariff("site", "0.39", ""));
        write("assignments.json", "{\"site\": [\"site\"]}");
        TariffFolder folder = folder();
        folder.rescan();

        folder.save(tariff("site", "0.45", ""));
        folder.save(tariff("night", "0.25", ""));

        assertEquals(new BigDecimal("0.45"), energyPrice(folder.catalog().tariffFor(BAY_07, NOW)));
        assertEquals(tariff("site", "0.45", ""), Files.readString(dir.resolve("prices.json")));
        assertTrue(Files.exists(dir.resolve("night.json")), "a new id gets a file of its own");
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "nothing left beside them");
        }
    }

    @Test
    void aTariffRefusedOnSaveIsNotWritten() throws IOException {
        write("prices.json", tariff("site", "0.39", ""));
        TariffFolder folder = folder();
        folder.rescan();

        InvalidTariffException refused = assertThrows(InvalidTariffException.class,
                () -> folder.save(tariff("site", "\"cheap\"", "")));
        InvalidTariffException badName = assertThrows(InvalidTariffException.class,
                () -> folder.save(tariff("../etc/x", "0.10", "")));

        assertTrue(refused.getMessage().startsWith("elements[0].price_components[0].price"), refused.getMessage());
        assertTrue(badName.getMessage().startsWith("id: '../etc/x' cannot name a file"), badName.getMessage());
        assertEquals(tariff("site", "0.39", ""), Files.readString(dir.resolve("prices.json")));
    }
}
