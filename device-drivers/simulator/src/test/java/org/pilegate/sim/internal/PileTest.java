package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.sim.PileSnapshot;
import org.pilegate.sim.SimulatedVehicle;

class PileTest {

    private static final SimulatedVehicle CAR = new SimulatedVehicle(new VehicleId("CAR-1"), 100_000, 0.1);

    /** A clock that moves only when told to. */
    private static final class ManualClock {

        long nanos = 1_000_000_000L;

        void pass(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Pile pile = new Pile(3, () -> clock.nanos);

    private PileSnapshot afterCharging(Duration duration) {
        clock.pass(duration);
        pile.advance();
        return pile.snapshot();
    }

    @Test
    void goesFromAToBToCAndBackToA() {
        assertEquals(PlugState.A, pile.plugState());
        pile.plug(CAR);
        assertEquals(PlugState.B, pile.plugState());
        assertEquals(Optional.of(CAR.id()), pile.vehicleId());
        pile.switchContactor(true);
        assertEquals(PlugState.C, pile.plugState());
        pile.switchContactor(false);
        assertEquals(PlugState.B, pile.plugState());
        pile.unplug();
        assertEquals(PlugState.A, pile.plugState());
        assertEquals(Optional.empty(), pile.vehicleId());
    }

    @Test
    void drawsNothingWithoutVehicleOrClosedContactor() {
        pile.switchContactor(true);
        assertEquals(0, afterCharging(Duration.ofMinutes(10)).powerW());
        pile.switchContactor(false);
        pile.plug(CAR);
        PileSnapshot open = afterCharging(Duration.ofMinutes(10));
        assertEquals(0, open.powerW());
        assertEquals(0, open.energyWh());
        assertEquals(0.1, open.vehicle().orElseThrow().stateOfCharge());
    }

    @Test
    void integratesEnergyIntoMeterAndBattery() {
        pile.plug(CAR);
        pile.switchContactor(true);
        PileSnapshot hour = afterCharging(Duration.ofHours(1));
        assertEquals(11_000, hour.powerW());
        assertEquals(11_000, hour.energyWh());
        assertEquals(0.21, hour.vehicle().orElseThrow().stateOfCharge(), 1e-12);
    }

    @Test
    void irregularTicksAddUpExactly() {
        Pile steady = new Pile(4, () -> clock.nanos);
        for (Pile charging : new Pile[] {pile, steady}) {
            charging.plug(CAR);
            charging.switchContactor(true);
        }
        for (int i = 0; i < 20_000; i++) {
            // 20,000 ticks of 0.18 s and a few ns: remainders below a microsecond must be carried, not dropped
            clock.pass(Duration.ofNanos(180_000_000L + i % 7 * 137));
            pile.advance();
        }
        steady.advance();
        assertEquals(steady.snapshot().energyWh(), pile.snapshot().energyWh());
        assertEquals(steady.snapshot().vehicle(), pile.snapshot().vehicle());
        assertEquals(11_000, pile.snapshot().energyWh());
    }

    @Test
    void countsEnergyUpToTheMomentTheContactorOpens() {
        pile.plug(CAR);
        pile.switchContactor(true);
        clock.pass(Duration.ofMinutes(30));
        pile.switchContactor(false);
        PileSnapshot later = afterCharging(Duration.ofHours(2));
        assertEquals(5_500, later.energyWh());
        assertEquals(0, later.powerW());
        assertFalse(later.contactorClosed());
    }

    @Test
    void keepsTheMeterReadingAcrossVehicles() {
        pile.plug(CAR);
        pile.switchContactor(true);
        afterCharging(Duration.ofMinutes(30));
        pile.unplug();
        pile.plug(new SimulatedVehicle(new VehicleId("CAR-2"), 50_000, 0.5));
        PileSnapshot second = afterCharging(Duration.ofMinutes(30));
        assertEquals(11_000, second.energyWh());
    }

    @Test
    void currentLimitCapsPower() {
        pile.plug(CAR);
        pile.switchContactor(true);
        pile.limitCurrent(10);
        assertEquals(6_900, pile.snapshot().powerW());
        assertEquals(10, pile.snapshot().currentLimitA());
        assertThrows(IllegalArgumentException.class, () -> pile.limitCurrent(81));
        assertThrows(IllegalArgumentException.class, () -> pile.limitCurrent(-1));
    }

    @Test
    void fillsUpThenStopsAndReportsB() {
        pile.plug(new SimulatedVehicle(new VehicleId("SMALL"), 10_000, 0.95));
        pile.switchContactor(true);
        assertTrue(pile.snapshot().powerW() < 11_000);
        PileSnapshot full = afterCharging(Duration.ofHours(2));
        assertEquals(1.0, full.vehicle().orElseThrow().stateOfCharge());
        assertEquals(0, full.powerW());
        assertEquals(PlugState.B, full.plugState());
        // the meter took exactly what the battery took
        assertEquals(500, full.energyWh());
    }

    @Test
    void phaseCurrentsCarryThePower() {
        pile.plug(CAR);
        pile.switchContactor(true);
        long watts = 0;
        for (MeterQuantity[] phase : new MeterQuantity[][] {
            {MeterQuantity.VOLTAGE_L1_MV, MeterQuantity.CURRENT_L1_MA},
            {MeterQuantity.VOLTAGE_L2_MV, MeterQuantity.CURRENT_L2_MA},
            {MeterQuantity.VOLTAGE_L3_MV, MeterQuantity.CURRENT_L3_MA}}) {
            long millivolts = pile.meterValue(phase[0]);
            assertTrue(millivolts >= 229_000 && millivolts <= 231_000, "about 230 V: " + millivolts);
            watts += millivolts * pile.meterValue(phase[1]) / 1_000_000;
        }
        assertTrue(watts > 10_990 && watts <= 11_000, "phases add up to the power: " + watts);
    }
}
