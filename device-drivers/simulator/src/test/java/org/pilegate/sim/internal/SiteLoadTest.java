package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.SiteLoad;

/** The depot's load at its grid connection: the building's behind the site meter and each pile's on its phases. */
class SiteLoadTest {

    private final long[] nanos = {0};

    private BaseLoadProfile building(double startHour) {
        return new BaseLoadProfile(new PhaseCurrents(40, 30, 20), Duration.ofSeconds(24), startHour,
                () -> nanos[0], 7);
    }

    @Test
    void theBuildingsLoadFollowsItsDayWithinTheNoise() {
        BaseLoadProfile load = building(4);
        long night = load.currentsMa()[0];
        nanos[0] = Duration.ofSeconds(12).toNanos(); // 16:00 of a 24 s day
        long peak = load.currentsMa()[0];
        assertTrue(Math.abs(night - 16_000) <= 2_000, "40 % of 40 A at 04:00, give or take 5 % of the peak: " + night);
        assertTrue(Math.abs(peak - 40_000) <= 2_000, "the peak at 16:00: " + peak);
        assertTrue(peak <= load.mostMa(Phase.L1));
        assertEquals(21_000, load.mostMa(Phase.L3));
    }

    @Test
    void aSinglePhasePileLoadsItsPhaseOnlyAndTheSiteMeterAnswersAsUnit247() {
        Depot depot = new Depot(2, 10, Fixtures.METER, Fixtures.RELAY, () -> nanos[0],
                List.of(List.of(Phase.L3), List.of(Phase.L2, Phase.L3, Phase.L1)), Optional.of(building(16)));
        depot.pile(0).plug(new SimulatedVehicle(new VehicleId("EV-1"), 60_000, 0.2));
        depot.pile(0).limitCurrent(16);
        depot.pile(0).switchContactor(true);
        RegisterPoint l1 = Fixtures.METER.points().get(MeterQuantity.CURRENT_L1_MA);
        int[] registers = depot.units(0).device(Depot.SITE_METER_UNIT).orElseThrow()
                .readRegisters(Table.of(l1.function()), l1.address(), l1.type().words());
        assertTrue(registers[0] != 0 || registers[1] != 0, "the site meter reads the building's L1");

        SiteLoad load = depot.siteLoad();

        for (Phase phase : Phase.values()) {
            long pile = phase == Phase.L3 ? 16 * 230 * 1_000_000L / 230_000 : 0;
            long pileMa = load.totalMa(phase) - load.buildingMa(phase);
            assertTrue(Math.abs(pileMa - pile) <= 100, phase + ": " + pileMa + " mA of the pile, not " + pile);
        }
        assertTrue(load.buildingMa(Phase.L1) > 35_000, "the building's peak on L1: " + load.buildingMa(Phase.L1));
        assertEquals(OptionalInt.of(247), depot.siteMeterUnitId());
    }
}
