package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.InvalidProfileException;
import org.pilegate.device.profile.Profiles;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.sim.SimulatedVehicle;

/** A relay switched through a holding register, with a two-register current limit right behind it. */
class SimulatedRelayTest {

    private static final String PROFILE = """
            {"id": "register-relay", "description": "test", "source": "test",
             "contactor": {"kind": "HOLDING_REGISTER", "address": 10, "onValue": 2, "offValue": 1},
             "contactorFeedback": null,
             "plugState": {"function": "READ_HOLDING_REGISTERS", "address": 0, "type": "UINT16",
                           "wordOrder": "ABCD", "scale": 1},
             "plugStates": {"10": "A", "11": "B", "12": "C"},
             "vehicleId": {"function": "READ_INPUT_REGISTERS", "address": 0, "registers": 4, "encoding": "HEX"},
             "currentLimit": {"function": "READ_HOLDING_REGISTERS", "address": %d, "type": "FLOAT32",
                              "wordOrder": "CDAB", "scale": 1}}
            """;

    private static RelayProfile profile(int limitAddress) {
        return Profiles.relay(String.format(PROFILE, limitAddress), "test");
    }

    private final RelayProfile profile = profile(11);
    private final RegisterPoint limit = profile.currentLimit().orElseThrow();
    private final Pile pile = new Pile(0, () -> 0);
    private final SimulatedRelay relay = new SimulatedRelay(pile, profile, SimulatedRelay.registerMap(profile));

    private int rejection(Runnable request) {
        return assertThrows(RequestRejected.class, request::run).code().code();
    }

    @Test
    void switchesThroughTheContactorRegister() {
        assertArrayEquals(new int[] {1}, relay.readRegisters(Table.HOLDING_REGISTERS, 10, 1));
        relay.writeRegisters(10, new int[] {2});
        assertTrue(pile.contactorClosed());
        assertArrayEquals(new int[] {2}, relay.readRegisters(Table.HOLDING_REGISTERS, 10, 1));
        assertEquals(3, rejection(() -> relay.writeRegisters(10, new int[] {3})));
        assertTrue(pile.contactorClosed());
        assertEquals(2, rejection(() -> relay.writeCoils(10, new boolean[] {false})));
    }

    @Test
    void writesWholePointsOnly() {
        relay.writeRegisters(11, limit.fromUnits(20).toArray());
        assertEquals(20, pile.currentLimitA());
        assertEquals(2, rejection(() -> relay.writeRegisters(11, new int[] {0})));
        assertEquals(2, rejection(() -> relay.writeRegisters(12, new int[] {0, 0})));
        assertEquals(2, rejection(() -> relay.writeRegisters(9, new int[] {2, 0})));
        assertEquals(2, rejection(() -> relay.writeRegisters(0, new int[] {11})));
        assertEquals(20, pile.currentLimitA());
    }

    @Test
    void writesAdjacentPointsInOneRequest() {
        int[] words = limit.fromUnits(8).toArray();
        relay.writeRegisters(10, new int[] {2, words[0], words[1]});
        assertTrue(pile.contactorClosed());
        assertEquals(8, pile.currentLimitA());
    }

    @Test
    void refusesLimitsItCannotTakeAndKeepsTheContactor() {
        int[] nan = RegisterBlock.of(0, 0x7FC0).toArray();
        assertEquals(3, rejection(() -> relay.writeRegisters(10, new int[] {2, nan[0], nan[1]})));
        int[] tooHigh = limit.fromUnits(81).toArray();
        assertEquals(3, rejection(() -> relay.writeRegisters(11, tooHigh)));
        assertFalse(pile.contactorClosed(), "a refused write changes nothing");
        assertEquals(Pile.DEFAULT_CURRENT_LIMIT_A, pile.currentLimitA());
    }

    @Test
    void reportsHexVehicleIds() {
        VehicleIdBlock block = profile.vehicleId().orElseThrow();
        pile.plug(new SimulatedVehicle(new VehicleId("04A1B2C3"), 40_000, 0.5));
        assertEquals(Optional.of(new VehicleId("04A1B2C3")),
                block.decode(RegisterBlock.of(relay.readRegisters(Table.INPUT_REGISTERS, 0, 4)), 0));
        assertThrows(IllegalArgumentException.class, () -> relay.checkReportable(new VehicleId("NOT-HEX")));
    }

    @Test
    void refusesProfilesItCannotServe() {
        assertThrows(InvalidProfileException.class, () -> SimulatedRelay.registerMap(profile(9)),
                "limit at 9..10 overlaps the contactor at 10");
        RelayProfile noC = Profiles.relay(String.format(PROFILE, 11).replace(", \"12\": \"C\"", ""), "test");
        assertThrows(InvalidProfileException.class, () -> SimulatedRelay.registerMap(noC));
    }
}
