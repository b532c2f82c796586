package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;

class EnergyTodayTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final PileId BAY_1 = new PileId("bay-01");
    private static final PileId BAY_2 = new PileId("bay-02");
    /** 23:00 local time on 25 November. */
    private static final Instant EVENING = Instant.parse("2026-11-25T22:00:00Z");

    private final EnergyToday energy = new EnergyToday(BERLIN);

    @Test
    void countsTheRegisterDeltasOfAllPilesFromTheirFirstReading() {
        energy.record(BAY_1, 10_000, EVENING);
        energy.record(BAY_2, 50_000, EVENING);
        energy.record(BAY_1, 10_700, EVENING.plusSeconds(600));
        energy.record(BAY_2, 50_300, EVENING.plusSeconds(600));

        assertEquals(1_000, energy.totalWh(EVENING.plusSeconds(600)));
    }

    @Test
    void startsAgainAtLocalMidnight() {
        energy.record(BAY_1, 10_000, EVENING);
        energy.record(BAY_1, 10_900, EVENING.plusSeconds(3_590));

        energy.record(BAY_1, 11_000, EVENING.plusSeconds(3_610));
        energy.record(BAY_1, 11_500, EVENING.plusSeconds(7_200));

        assertEquals(600, energy.totalWh(EVENING.plusSeconds(7_200)), "since the last reading before midnight");
    }

    @Test
    void aPileWithoutReadingsSinceMidnightAddsNothingToday() {
        energy.record(BAY_1, 10_000, EVENING);
        energy.record(BAY_1, 10_900, EVENING.plusSeconds(60));

        assertEquals(900, energy.totalWh(EVENING.plusSeconds(120)));
        assertEquals(0, energy.totalWh(EVENING.plusSeconds(7_200)));
    }

    @Test
    void aMeterResetContinuesTheDaysCount() {
        energy.record(BAY_1, 10_000, EVENING);
        energy.record(BAY_1, 10_400, EVENING.plusSeconds(60));
        energy.record(BAY_1, 0, EVENING.plusSeconds(120));
        energy.record(BAY_1, 100, EVENING.plusSeconds(180));

        assertEquals(500, energy.totalWh(EVENING.plusSeconds(180)));
    }

    @Test
    void aRemovedPileKeepsWhatItDeliveredToday() {
        energy.record(BAY_1, 10_000, EVENING);
        energy.record(BAY_1, 10_250, EVENING.plusSeconds(60));
        energy.remove(BAY_1);
        energy.record(BAY_2, 0, EVENING.plusSeconds(60));
        energy.record(BAY_2, 50, EVENING.plusSeconds(120));

        assertEquals(300, energy.totalWh(EVENING.plusSeconds(120)));
        assertEquals(0, energy.totalWh(EVENING.plusSeconds(7_200)), "not tomorrow");
    }
}
