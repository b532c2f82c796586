package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChargingCurveTest {

    private static final long CAPACITY = 100_000 * Pile.MICROJOULES_PER_WH;

    private static long powerAt(double stateOfCharge, long vehicleMaxW, int currentLimitA) {
        return ChargingCurve.powerW(vehicleMaxW, currentLimitA, ChargingCurve.PHASES,
                Math.round(stateOfCharge * CAPACITY), CAPACITY);
    }

    @Test
    void fullPowerIsTheLesserOfVehicleAndPile() {
        assertEquals(11_000, powerAt(0.5, 11_000, 32));
        assertEquals(16 * 230 * 3, powerAt(0.5, 22_000, 16));
        assertEquals(0, powerAt(0.5, 22_000, 0));
    }

    @Test
    void aSinglePhasePileOffersAThird() {
        assertEquals(16 * 230, ChargingCurve.powerW(11_000, 16, 1, CAPACITY / 2, CAPACITY));
    }

    @Test
    void tapersAboveEightyPercent() {
        assertEquals(11_000, powerAt(0.8, 11_000, 32));
        assertEquals(5_500, powerAt(0.9, 11_000, 32));
        assertEquals(2_750, powerAt(0.95, 11_000, 32));
    }

    @Test
    void neverFallsBelowATenthUntilFull() {
        assertEquals(1_100, powerAt(0.99, 11_000, 32));
        assertEquals(1_100, ChargingCurve.powerW(11_000, 32, ChargingCurve.PHASES, CAPACITY - 1, CAPACITY));
        assertEquals(0, ChargingCurve.powerW(11_000, 32, ChargingCurve.PHASES, CAPACITY, CAPACITY));
    }
}
