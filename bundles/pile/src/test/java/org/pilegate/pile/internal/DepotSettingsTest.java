package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.store.internal.StoreDatabases;

/** The operator's settings, stored in a fresh H2 database and read back as a restart would. */
class DepotSettingsTest {

    private static final PileId BAY_01 = new PileId("bay-01");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private final DataSource database;
    private final DepotSettings settings;

    DepotSettingsTest() throws Exception {
        database = StoreDatabases.h2();
        settings = restarted();
    }

    @Test
    void aPileWithoutSettingsOfItsOwnIsUnrestrictedAndTheSiteNotLimited() {
        assertEquals(PileSettings.UNRESTRICTED, settings.of(BAY_01));
        assertEquals(0, settings.stored());
        assertEquals(OptionalLong.empty(), settings.sitePowerLimitW());
    }

    @Test
    void serviceAndCapAreSetApartAndSurviveARestart() {
        settings.limitCurrent(BAY_01, OptionalInt.of(16), 32);
        settings.setAvailable(BAY_01, false);
        assertEquals(new PileSettings(false, OptionalInt.of(16)), settings.of(BAY_01));

        DepotSettings again = restarted();
        assertEquals(new PileSettings(false, OptionalInt.of(16)), again.of(BAY_01));
        assertEquals(1, again.stored());
        again.limitCurrent(BAY_01, OptionalInt.empty(), 32);
        assertEquals(new PileSettings(false, OptionalInt.empty()), again.of(BAY_01), "the cap lifted");
        assertEquals(new PileSettings(false, OptionalInt.empty()), restarted().of(BAY_01),
                "a lifted cap stays lifted after a restart, not 0 A");
    }

    @Test
    void aCapFromSixAmpsToThePilesMaximumIsTakenAndNoOtherStored() {
        settings.limitCurrent(BAY_01, OptionalInt.of(6), 16);
        settings.limitCurrent(BAY_01, OptionalInt.of(16), 16);

        assertEquals("the current limit of pile bay-01 must be 6 to 16 A, not 5",
                assertThrows(IllegalArgumentException.class,
                        () -> settings.limitCurrent(BAY_01, OptionalInt.of(5), 16)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings.limitCurrent(BAY_01, OptionalInt.of(17), 16));
        assertEquals(OptionalInt.of(16), restarted().of(BAY_01).currentLimitA());
    }

    @Test
    void theSitesPowerLimitIsStoredLiftedAndNeverNegative() {
        settings.limitSitePower(OptionalLong.of(22_000));
        assertEquals(OptionalLong.of(22_000), restarted().sitePowerLimitW());

        assertEquals("the site's power limit must not be negative: -1 W", assertThrows(
                IllegalArgumentException.class, () -> settings.limitSitePower(OptionalLong.of(-1))).getMessage());
        assertEquals(OptionalLong.of(22_000), settings.sitePowerLimitW());

        settings.limitSitePower(OptionalLong.empty());
        assertEquals(OptionalLong.empty(), settings.sitePowerLimitW());
        assertEquals(OptionalLong.empty(), restarted().sitePowerLimitW());
    }

    @Test
    void theSitesLimitIsDescribedForTheLog() {
        assertEquals("limited to 11000 W", DepotSettings.describe(OptionalLong.of(11_000)));
        assertEquals("not limited", DepotSettings.describe(OptionalLong.empty()));
    }

    private DepotSettings restarted() {
        return new DepotSettings(new JdbcDepotSettings(database, clock));
    }
}
