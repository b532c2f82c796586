package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.ContactorOutput;
import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.SimulatedVehicle;

/** Every profile the drivers ship with can be simulated, and reads back through itself as the pile's state. */
class ShippedProfilesTest {

    /** Hex digits only, so that both ASCII and hex identifier blocks hold it. */
    private static final VehicleId CAR = new VehicleId("04A1B2C3");

    private final long[] nanos = {0};

    static List<String> meterIds() {
        return Fixtures.SHIPPED.meterIds();
    }

    static List<String> relayIds() {
        return Fixtures.SHIPPED.relayIds();
    }

    private static long read(ModbusDevice device, RegisterPoint point) {
        return point.toUnits(RegisterBlock.of(device.readRegisters(Table.of(point.function()), point.address(),
                point.type().words())), 0);
    }

    @ParameterizedTest
    @MethodSource("meterIds")
    void servesEveryMeterProfile(String id) {
        MeterProfile profile = Fixtures.SHIPPED.meter(id);
        Depot depot = new Depot(1, 1, profile, Fixtures.RELAY, () -> nanos[0]);
        Pile pile = depot.pile(0);
        pile.plug(new SimulatedVehicle(CAR, 60_000, 0.2));
        pile.switchContactor(true);
        nanos[0] += Duration.ofHours(1).toNanos();
        depot.advance();
        ModbusDevice meter = depot.device(0, DeviceKind.METER);
        for (Map.Entry<MeterQuantity, RegisterPoint> entry : profile.points().entrySet()) {
            // within half a register step: an EM24 counts energy in 100 Wh, an SDM630 in float kWh
            double step = Math.max(1, entry.getValue().scale().abs().doubleValue());
            assertEquals(pile.meterValue(entry.getKey()), read(meter, entry.getValue()), step / 2,
                    id + " " + entry.getKey());
        }
        assertEquals(11_000, read(meter, profile.points().get(MeterQuantity.ENERGY_IMPORT_WH)));
    }

    @ParameterizedTest
    @MethodSource("relayIds")
    void servesEveryRelayProfile(String id) {
        RelayProfile profile = Fixtures.SHIPPED.relay(id);
        Depot depot = new Depot(1, 1, Fixtures.METER, profile, () -> nanos[0]);
        ModbusDevice relay = depot.device(0, DeviceKind.RELAY);
        assertEquals(PlugState.A, profile.plugStateOf(read(relay, profile.plugState())));
        depot.pile(0).plug(new SimulatedVehicle(CAR, 60_000, 0.2));

        ContactorOutput contactor = profile.contactor();
        if (contactor.kind() == ContactorOutput.Kind.COIL) {
            relay.writeCoils(contactor.address(), new boolean[] {true});
        } else {
            relay.writeRegisters(contactor.address(), new int[] {contactor.onValue()});
        }
        assertEquals(PlugState.C, profile.plugStateOf(read(relay, profile.plugState())), id);
        profile.contactorFeedback().ifPresent(feedback -> assertEquals(1, read(relay, feedback), id));
        profile.vehicleId().ifPresent(block -> assertEquals(Optional.of(CAR), block.decode(RegisterBlock.of(
                relay.readRegisters(Table.of(block.function()), block.address(), block.registers())), 0), id));
        profile.currentLimit().ifPresent(limit -> {
            assertEquals(Pile.DEFAULT_CURRENT_LIMIT_A, read(relay, limit), id);
            relay.writeRegisters(limit.address(), limit.fromUnits(16).toArray());
            assertEquals(16, read(relay, limit), id);
            assertEquals(16, depot.pile(0).currentLimitA(), id);
        });
        depot.pile(0).unplug();
        assertFalse(depot.pile(0).vehicleId().isPresent());
        assertEquals(PlugState.A, profile.plugStateOf(read(relay, profile.plugState())), id);
    }
}
