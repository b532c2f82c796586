package org.pilegate.tariff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffCalculator;

/** The example tariff folder shipped as the distribution's etc/tariffs. */
class ShippedTariffsTest {

    private static final Path SHIPPED = Path.of("../../config/tariffs");
    private static final ZoneId SITE = ZoneId.of("Europe/Berlin");

    private static Tariff siteDefault() {
        TariffFolder folder = new TariffFolder(SHIPPED);
        folder.rescan();
        assertEquals(Map.of(), folder.problems());
        return folder.catalog().tariffFor(new PileId("sim-01"), Instant.now()).orElseThrow();
    }

    @Test
    void everyPileChargesByTheSiteDefault() {
        assertEquals("1.00 EUR per session, 0.29 EUR/kWh 22:00–06:00, otherwise 0.39 EUR/kWh, parking free before"
                + " charging, otherwise 6.00 EUR/h parking; prices excl. 19 % VAT", TariffSummary.of(siteDefault()));
    }

    /**
     * Monday, plugged in at 20:28, charging from 20:30 to 23:30 at 11 kW, then 45 minutes parked. The 2 minutes
     * before charging are free parking; 16.5 kWh by day (6.435 → 6.44 + 1.22 VAT), 16.5 kWh by night (4.785 → 4.79 +
     * 0.91), parking 4.50 + 0.86 (4.50 × 19 % = 0.855, half up), start fee 1.00 + 0.19: 19.91.
     */
    @Test
    void anEveningSessionIntoTheNightRate() {
        Instant plugged = LocalDateTime.parse("2026-11-23T20:28").atZone(SITE).toInstant();
        Instant charging = plugged.plus(Duration.ofMinutes(2));
        SessionTimeline session = new SessionTimeline(plugged, charging.plus(Duration.ofMinutes(225)), List.of(
                new MeterSample(plugged, 2_000_000, 0, OptionalInt.of(0), false),
                new MeterSample(charging, 2_000_000, 11_000, OptionalInt.of(48), true),
                new MeterSample(charging.plus(Duration.ofHours(3)), 2_033_000, 0, OptionalInt.of(0), false)));

        SessionFee fee = TariffCalculator.price(siteDefault(), SITE, session);

        assertEquals(List.of("FLAT 1 session 100+19", "ENERGY 16500 Wh 644+122", "ENERGY 16500 Wh 479+91",
                "PARKING_TIME 120 s 0+0", "PARKING_TIME 2700 s 450+86"),
                fee.lines().stream().map(ShippedTariffsTest::line).toList());
        assertEquals(1991, fee.total().minorUnits());
    }

    private static String line(FeeLine line) {
        return line.component() + " " + line.quantity() + " " + line.unit() + " " + line.amountExVat().minorUnits()
                + "+" + line.vat().map(vat -> String.valueOf(vat.minorUnits())).orElse("?");
    }
}
