package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SilentUnitsTest {

    private final SilentUnits units = new SilentUnits();

    @Test
    void aSilentUnitWaitsForItsProbeAndOthersAreUntouched() {
        units.timedOut(7, 0);

        assertTrue(units.refusal(7, Duration.ofSeconds(4).toNanos()).isPresent());
        assertEquals(Optional.empty(), units.refusal(8, 0));
        assertEquals(Optional.empty(), units.refusal(7, SilentUnits.FIRST_PROBE.toNanos()));
    }

    @Test
    void probesBackOffUpToAMinuteAndOneAnswerClears() {
        long now = 0;
        for (int strike = 0; strike < 8; strike++) {
            units.timedOut(3, now);
        }
        assertTrue(units.refusal(3, now + SilentUnits.LAST_PROBE.minusSeconds(1).toNanos()).isPresent());
        assertEquals(Optional.empty(), units.refusal(3, now + SilentUnits.LAST_PROBE.toNanos()));

        units.answered(3);
        assertEquals(Optional.empty(), units.refusal(3, now));
    }

    @Test
    void secondStrikeDoublesTheWait() {
        units.timedOut(1, 0);
        units.timedOut(1, 0);
        assertTrue(units.refusal(1, SilentUnits.FIRST_PROBE.toNanos()).isPresent());
        assertEquals(Optional.empty(), units.refusal(1, SilentUnits.FIRST_PROBE.multipliedBy(2).toNanos()));
    }
}
