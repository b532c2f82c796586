package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.sim.PileAddress;
import org.pilegate.sim.SimulatedVehicle;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/** j2mod, a Modbus client written by others, reads and drives the simulator through the shipped profiles. */
class SimulationInteropTest {

    private static final RegisterPoint PLUG_STATE = Fixtures.RELAY.plugState();
    private static final RegisterPoint FEEDBACK = Fixtures.RELAY.contactorFeedback().orElseThrow();
    private static final RegisterPoint LIMIT = Fixtures.RELAY.currentLimit().orElseThrow();
    private static final VehicleIdBlock VEHICLE_ID = Fixtures.RELAY.vehicleId().orElseThrow();
    private static final int CONTACTOR_COIL = Fixtures.RELAY.contactor().address();

    private Simulation depot;
    private PileAddress pile5;
    private ModbusTCPMaster client;

    @BeforeEach
    void start() throws Exception {
        depot = Fixtures.start(6, 4);
        pile5 = depot.address(5);
        client = Fixtures.client(pile5, 1000);
    }

    @AfterEach
    void stop() {
        client.disconnect();
        depot.close();
    }

    private long meter(MeterQuantity quantity) throws Exception {
        return Fixtures.read(client, pile5.meterUnitId(), Fixtures.METER.points().get(quantity));
    }

    private PlugState plugState() throws Exception {
        return Fixtures.RELAY.plugStateOf(Fixtures.read(client, pile5.relayUnitId(), PLUG_STATE));
    }

    @Test
    void spreadsPilesOverPortsAndUnitIds() {
        PileAddress first = depot.address(0);
        PileAddress fourth = depot.address(3);
        assertEquals(new PileAddress("127.0.0.1", first.port(), 1, 2), first);
        assertEquals(new PileAddress("127.0.0.1", first.port(), 7, 8), fourth);
        assertNotEquals(first.port(), pile5.port());
        assertEquals(new PileAddress("127.0.0.1", pile5.port(), 3, 4), pile5);
        assertThrows(IndexOutOfBoundsException.class, () -> depot.address(6));
    }

    @Test
    void meterServesItsProfile() throws Exception {
        for (MeterQuantity voltage : new MeterQuantity[] {MeterQuantity.VOLTAGE_L1_MV, MeterQuantity.VOLTAGE_L2_MV,
                MeterQuantity.VOLTAGE_L3_MV}) {
            long millivolts = meter(voltage);
            assertTrue(millivolts >= 229_000 && millivolts <= 231_000, voltage + " about 230 V: " + millivolts);
        }
        assertEquals(0, meter(MeterQuantity.CURRENT_L1_MA));
        assertEquals(0, meter(MeterQuantity.ACTIVE_POWER_W));
        assertEquals(0, meter(MeterQuantity.ENERGY_IMPORT_WH));
    }

    @Test
    void oneReadCoversAdjacentPoints() throws Exception {
        // voltages and currents of the SDM630 are contiguous at 0..11: one request, decoded point by point
        RegisterBlock block = Fixtures.read(client, pile5.meterUnitId(), FunctionCode.READ_INPUT_REGISTERS, 0, 12);
        RegisterPoint l2 = Fixtures.METER.points().get(MeterQuantity.VOLTAGE_L2_MV);
        assertEquals(meter(MeterQuantity.VOLTAGE_L2_MV), l2.toUnits(block, l2.address()));
    }

    @Test
    void relayReportsPlugStateAndVehicle() throws Exception {
        assertEquals(PlugState.A, plugState());
        assertEquals(Optional.empty(), VEHICLE_ID.decode(Fixtures.read(client, pile5.relayUnitId(),
                VEHICLE_ID.function(), VEHICLE_ID.address(), VEHICLE_ID.registers()), 0));
        depot.plug(5, new VehicleId("WBA-0042"), 60_000, 0.3);
        assertEquals(PlugState.B, plugState());
        assertEquals(Optional.of(new VehicleId("WBA-0042")), VEHICLE_ID.decode(Fixtures.read(client,
                pile5.relayUnitId(), VEHICLE_ID.function(), VEHICLE_ID.address(), VEHICLE_ID.registers()), 0));
    }

    @Test
    void contactorCoilSwitchesAndFeedsBack() throws Exception {
        depot.plug(5, new VehicleId("WBA-0042"), 60_000, 0.3);
        assertFalse(client.readCoils(pile5.relayUnitId(), CONTACTOR_COIL, 1).getBit(0));
        assertEquals(0, Fixtures.read(client, pile5.relayUnitId(), FEEDBACK));

        assertTrue(client.writeCoil(pile5.relayUnitId(), CONTACTOR_COIL, true));
        assertTrue(client.readCoils(pile5.relayUnitId(), CONTACTOR_COIL, 1).getBit(0));
        assertEquals(1, Fixtures.read(client, pile5.relayUnitId(), FEEDBACK));
        assertEquals(PlugState.C, plugState());
        assertTrue(depot.snapshot(5).contactorClosed());

        BitVector open = new BitVector(1);
        client.writeMultipleCoils(pile5.relayUnitId(), CONTACTOR_COIL, open);
        assertFalse(depot.snapshot(5).contactorClosed());
        assertEquals(PlugState.B, plugState());
    }

    @Test
    void currentLimitIsAHoldingRegister() throws Exception {
        assertEquals(Pile.DEFAULT_CURRENT_LIMIT_A, Fixtures.read(client, pile5.relayUnitId(), LIMIT));
        client.writeSingleRegister(pile5.relayUnitId(), LIMIT.address(), new SimpleRegister(16));
        assertEquals(16, Fixtures.read(client, pile5.relayUnitId(), LIMIT));
        assertEquals(16, depot.snapshot(5).currentLimitA());
        client.writeMultipleRegisters(pile5.relayUnitId(), LIMIT.address(), new Register[] {new SimpleRegister(6)});
        assertEquals(6, depot.snapshot(5).currentLimitA());
    }

    @Test
    void devicesOfOtherPilesAreUntouched() throws Exception {
        client.writeCoil(pile5.relayUnitId(), CONTACTOR_COIL, true);
        assertFalse(depot.snapshot(4).contactorClosed());
        assertTrue(depot.snapshot(5).contactorClosed());
    }

    private int exceptionOf(ThrowingRequest request) {
        return assertThrows(ModbusSlaveException.class, request::send).getType();
    }

    private interface ThrowingRequest {
        void send() throws Exception;
    }

    @Test
    void refusesUnmappedAddresses() {
        // the generic relay has nothing at input registers 2..9, between plug state and vehicle id
        assertEquals(2, exceptionOf(() -> client.readInputRegisters(pile5.relayUnitId(), 0, 12)));
        assertEquals(2, exceptionOf(() -> client.readInputRegisters(pile5.meterUnitId(), 10, 4)));
        assertEquals(2, exceptionOf(() -> client.readInputDiscretes(pile5.relayUnitId(), 0, 1)));
        assertEquals(2, exceptionOf(() -> client.readCoils(pile5.meterUnitId(), 0, 1)));
        assertEquals(2, exceptionOf(() -> client.writeCoil(pile5.relayUnitId(), CONTACTOR_COIL + 1, true)));
    }

    @Test
    void refusesWritesToReadOnlyPoints() {
        assertEquals(2, exceptionOf(() -> client.writeSingleRegister(pile5.meterUnitId(), 0, new SimpleRegister(1))));
        assertEquals(2, exceptionOf(() -> client.writeMultipleRegisters(pile5.relayUnitId(), LIMIT.address(),
                new Register[] {new SimpleRegister(6), new SimpleRegister(6)})));
    }

    @Test
    void refusesCurrentLimitsOutOfRange() {
        assertEquals(3, exceptionOf(() -> client.writeSingleRegister(pile5.relayUnitId(), LIMIT.address(),
                new SimpleRegister(Pile.MAX_CURRENT_LIMIT_A + 1))));
        assertEquals(Pile.DEFAULT_CURRENT_LIMIT_A, depot.snapshot(5).currentLimitA());
    }

    @Test
    void answersForUnknownUnitsAsAGateway() {
        assertEquals(0x0B, exceptionOf(() -> client.readInputRegisters(200, 0, 1)));
    }

    @Test
    void refusesVehicleIdsTheRelayCannotHold() {
        assertThrows(IllegalArgumentException.class,
                () -> depot.plug(5, new SimulatedVehicle(new VehicleId("A-VERY-LONG-VEHICLE-ID"), 60_000, 0.3)));
        assertEquals(PlugState.A, depot.snapshot(5).plugState());
    }

    @Test
    void chargesAVehicleAsTheRelayIsDriven() throws Exception {
        // a vehicle taking all the pile offers, so the energy register moves fast
        depot.plug(5, new SimulatedVehicle(new VehicleId("WBA-0042"), 60_000, 0.3, 22_080));
        client.writeCoil(pile5.relayUnitId(), CONTACTOR_COIL, true);
        assertEquals(Pile.DEFAULT_CURRENT_LIMIT_A * 230 * 3, meter(MeterQuantity.ACTIVE_POWER_W));
        long[] last = {meter(MeterQuantity.ENERGY_IMPORT_WH)};
        int[] rises = {0};
        Await.until("the energy register rose three times", () -> {
            long now = read(MeterQuantity.ENERGY_IMPORT_WH);
            assertTrue(now >= last[0], "energy went back from " + last[0] + " to " + now);
            rises[0] += now > last[0] ? 1 : 0;
            last[0] = now;
            return rises[0] >= 3;
        });

        client.writeSingleRegister(pile5.relayUnitId(), LIMIT.address(), new SimpleRegister(10));
        assertEquals(10 * 230 * 3, meter(MeterQuantity.ACTIVE_POWER_W));
        long phaseMilliamps = meter(MeterQuantity.CURRENT_L1_MA);
        assertTrue(phaseMilliamps > 9_900 && phaseMilliamps < 10_100, "about 10 A: " + phaseMilliamps);

        client.writeCoil(pile5.relayUnitId(), CONTACTOR_COIL, false);
        assertEquals(0, meter(MeterQuantity.ACTIVE_POWER_W));
        assertEquals(0, meter(MeterQuantity.CURRENT_L2_MA));
        assertEquals(depot.snapshot(5).energyWh(), meter(MeterQuantity.ENERGY_IMPORT_WH));
        assertTrue(meter(MeterQuantity.ENERGY_IMPORT_WH) >= last[0]);

        depot.unplug(5);
        assertEquals(PlugState.A, plugState());
    }

    private long read(MeterQuantity quantity) {
        try {
            return meter(quantity);
        } catch (Exception e) {
            throw new AssertionError("reading " + quantity, e);
        }
    }
}
