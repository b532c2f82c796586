package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.PhaseCurrents;

class SiteSetupTest {

    /** The configuration as DS hands it over. */
    private record Config(String gridLimitA, long gridPowerLimitW, String feeders, int safetyMarginA,
            String siteMeter, String energyPrices, String policy) implements SiteConfig {

        static Config good() {
            return new Config("250/250/200", 150_000, "board-a:grid:160, row-1:board-a:63/63/40", 2, "site.meter",
                    "22:00-06:00 29, 06:00-22:00 39", "planned");
        }

        @Override
        public int baseLoadChangeA() {
            return 2;
        }

        @Override
        public String timeZone() {
            return "Europe/Berlin";
        }

        @Override
        public String priorityVehicles() {
            return "DE-FLEET-*, BUS-7";
        }

        @Override
        public int riseAPerMinute() {
            return 0;
        }

        @Override
        public int replanIntervalS() {
            return 60;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SiteConfig.class;
        }
    }

    @Test
    void aGoodSiteIsReadAsATreeWithItsLimitsPricesAndPriorities() {
        SiteSetup setup = SiteSetup.of(Config.good());

        assertEquals(List.of(new Feeder(Feeder.GRID, Optional.empty(), new PhaseCurrents(250, 250, 200)),
                new Feeder("board-a", Optional.of("grid"), PhaseCurrents.of(160)),
                new Feeder("row-1", Optional.of("board-a"), new PhaseCurrents(63, 63, 40))), setup.site().feeders());
        assertEquals(OptionalLong.of(150_000), setup.site().gridPowerLimitW());
        assertEquals(Optional.of("site.meter"), setup.site().siteMeter());
        // 23:30 in Berlin in winter is 22:30 UTC: the night price
        assertEquals(29, setup.prices().minorPerKwh(Instant.parse("2026-12-03T22:30:00Z")));
        assertEquals(39, setup.prices().minorPerKwh(Instant.parse("2026-12-03T12:00:00Z")));
        assertEquals(true, setup.priority("DE-FLEET-0042"));
        assertEquals(false, setup.priority("DE-VISITOR-1"));
        assertEquals(true, setup.priority("BUS-7"));
        assertEquals(false, setup.priority("BUS-70"));
        assertEquals(false, setup.priority("DE-FLEET"));
    }

    @Test
    void everyWrongValueIsNamedWithThePidKeyAndWhy() {
        Config good = Config.good();
        assertRefused("gridLimitA: a current is one value for all phases or three as L1/L2/L3, not '250/250'",
                new Config("250/250", 0, "", 0, "", "", "planned"));
        assertRefused("feeders: feeder row-1 hangs from 'board-z', which is not a feeder",
                new Config("", 0, "row-1:board-z:63", 0, "", "", "planned"));
        assertRefused("feeders: 'board-a:160' is no feeder: write id:parent:limit, e.g. board-a:grid:160",
                new Config("", 0, "board-a:160", 0, "", "", "planned"));
        assertRefused("feeders: feeder a hangs from itself through its parents",
                new Config("", 0, "a:b:63, b:a:63", 0, "", "", "planned"));
        assertRefused("energyPrices: '22:00 29' is no price window: write HH:MM-HH:MM and the price per kWh in minor"
                + " units, e.g. 22:00-06:00 29", new Config("", 0, "", 0, "", "22:00 29", "planned"));
        assertRefused("policy: must be planned or equal-share, not 'cheapest'",
                new Config("", 0, "", 0, "", "", "cheapest"));
        assertRefused("safetyMarginA: must not be negative, not -1",
                new Config(good.gridLimitA(), 0, "", -1, "", "", "planned"));
        assertRefused("siteMeter: a meter id is 1..64 letters, digits, '.', '_' or '-', not 'a*b'",
                new Config("", 0, "", 0, "a*b", "", "planned"));
    }

    private static void assertRefused(String why, SiteConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SiteSetup.of(config));
        assertEquals("configuration org.pilegate.site: " + why, e.getMessage());
    }
}
