package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.site.PhaseCurrents;

class BaseLoadTest {

    private final BaseLoad load = new BaseLoad();

    private static MeterReading reading(long l1Ma, ReadingQuality quality) {
        return new MeterReading(Instant.EPOCH, 0, 0, quality,
                Optional.of(new PhaseValues(230_000, 230_000, 230_000, l1Ma, 0, 0)));
    }

    @Test
    void aMoveBeyondTheThresholdFromWhatThePlanCountedWithAsksForANewPlan() {
        assertTrue(load.update(reading(40_000, ReadingQuality.GOOD), 2));
        assertEquals(new PhaseCurrents(40, 0, 0), load.forPlan());
        assertFalse(load.update(reading(38_000, ReadingQuality.GOOD), 2), "2 A less is within the threshold");
        // a plan made now counts with 38 A: from there, 41 A is a move of 3 A, though only 1 A from the last trigger
        assertEquals(new PhaseCurrents(38, 0, 0), load.forPlan());
        assertTrue(load.update(reading(40_500, ReadingQuality.GOOD), 2), "41 A rounded up");
    }

    @Test
    void aReadingThatCannotBeTrustedKeepsTheLastGoodLoad() {
        load.update(reading(12_000, ReadingQuality.GOOD), 2);
        assertFalse(load.update(reading(90_000, ReadingQuality.STALE), 2));
        assertEquals(new PhaseCurrents(12, 0, 0), load.latest());
    }
}
