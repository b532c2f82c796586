package org.pilegate.sim.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.sim.PileAddress;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;

/** The shipped profiles, small depots on free ports and j2mod clients for them. */
final class Fixtures {

    static final ProfileCatalog SHIPPED = new ProfileCatalog(List.of());
    static final MeterProfile METER = SHIPPED.meter("eastron-sdm630");
    static final RelayProfile RELAY = SHIPPED.relay("pilegate-generic-relay");
    static final Duration FAST_TICK = Duration.ofMillis(20);

    private Fixtures() {
    }

    static SimulatorSettings settings(int piles, int pilesPerPort) {
        return new SimulatorSettings("127.0.0.1", 0, piles, pilesPerPort, METER, RELAY, FAST_TICK, false);
    }

    static Simulation start(int piles, int pilesPerPort) {
        try {
            return Simulation.start(settings(piles, pilesPerPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connected client that gives up after one attempt, so faults surface at once. */
    static ModbusTCPMaster client(PileAddress address, int timeoutMillis) throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster(address.host(), address.port(), timeoutMillis, false);
        connect(master);
        return master;
    }

    /** Connects, then sets one attempt on the transaction j2mod creates for the connection. */
    static void connect(ModbusTCPMaster master) throws Exception {
        master.connect();
        master.setRetries(1);
    }

    /** Reads {@code count} registers of the table {@code function} names. */
    static RegisterBlock read(ModbusTCPMaster master, int unitId, FunctionCode function, int address, int count)
            throws ModbusException {
        InputRegister[] registers = function == FunctionCode.READ_HOLDING_REGISTERS
                ? master.readMultipleRegisters(unitId, address, count)
                : master.readInputRegisters(unitId, address, count);
        return RegisterBlock.of(Arrays.stream(registers).mapToInt(InputRegister::toUnsignedShort).toArray());
    }

    /** Reads one point and converts it as a driver would. */
    static long read(ModbusTCPMaster master, int unitId, RegisterPoint point) throws ModbusException {
        return point.toUnits(read(master, unitId, point.function(), point.address(), point.type().words()), 0);
    }
}
