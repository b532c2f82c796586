package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChargingRateTest {

    @Test
    void aChargePointThatTakesCurrentGetsAmperesPerPhase() {
        ChargingRate amperes = new ChargingRate(false, 3, 230);
        assertEquals("A", amperes.unit());
        assertEquals(16.0, amperes.limit(16));
    }

    @Test
    void wattsAreTheCurrentOverThePhasesAtTheNominalVoltage() {
        assertEquals(11_040.0, new ChargingRate(true, 3, 230).limit(16));
        assertEquals(3_680.0, new ChargingRate(true, 1, 230).limit(16));
        assertEquals("W", new ChargingRate(true, 1, 230).unit());
    }

    @Test
    void onlyAChargePointThatAllowsPowerAndNotCurrentTakesWatts() {
        assertTrue(ChargingRate.onlyPower("Power"));
        assertFalse(ChargingRate.onlyPower("Current,Power"));
        assertFalse(ChargingRate.onlyPower(" Power , Current "));
        assertFalse(ChargingRate.onlyPower("Current"));
        assertFalse(ChargingRate.onlyPower(""));
    }

    @Test
    void phasesOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChargingRate(false, 4, 230));
    }
}
