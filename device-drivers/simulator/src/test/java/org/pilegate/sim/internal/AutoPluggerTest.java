package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.Profiles;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.sim.SimulatedVehicle;

class AutoPluggerTest {

    /** Every draw comes out lowest: every pile gets a vehicle, every vehicle leaves. */
    private static final RandomGenerator ALWAYS = () -> 0L;

    @Test
    void bringsVehiclesAndTakesThemAway() {
        try (Simulation depot = Fixtures.start(3, 3)) {
            AutoPlugger plugger = new AutoPlugger(depot, Fixtures.RELAY, ALWAYS);
            plugger.run();
            for (int pile = 0; pile < 3; pile++) {
                SimulatedVehicle vehicle = depot.snapshot(pile).vehicle().orElseThrow();
                assertEquals(new VehicleId("04000000000000"), vehicle.id());
                assertEquals(40_000, vehicle.capacityWh());
                assertEquals(0.1, vehicle.stateOfCharge(), 1e-9);
            }
            plugger.run();
            for (int pile = 0; pile < 3; pile++) {
                assertEquals(Optional.empty(), depot.snapshot(pile).vehicle());
            }
        }
    }

    @Test
    void sizesIdsToTheRelaysBlock() {
        RelayProfile shortBlock = Profiles.relay("""
                {"id": "short-id", "description": "test", "source": "test",
                 "contactor": {"kind": "COIL", "address": 0, "onValue": 1, "offValue": 0},
                 "contactorFeedback": null,
                 "plugState": {"function": "READ_INPUT_REGISTERS", "address": 0, "type": "UINT16",
                               "wordOrder": "ABCD", "scale": 1},
                 "plugStates": {"1": "A", "2": "B", "3": "C"},
                 "vehicleId": {"function": "READ_INPUT_REGISTERS", "address": 1, "registers": 3,
                               "encoding": "ASCII"},
                 "currentLimit": null}
                """, "test");
        try (Simulation depot = Fixtures.start(1, 1)) {
            VehicleId id = new AutoPlugger(depot, shortBlock, ALWAYS).arrival().id();
            assertEquals(6, id.value().length(), id.value());
            assertTrue(id.value().startsWith("04"));
        }
    }
}
