package org.pilegate.sim.internal;

import java.util.Optional;

import org.pilegate.sim.Fault;

/**
 * One unit id's worth of Modbus data, as the server sees it. Reads and writes throw {@link RequestRejected} for
 * what the device does not offer; addresses and counts arrive already checked against the protocol's limits.
 */
interface ModbusDevice {

    /** The fault the server plays out instead of a plain answer, if one is injected. */
    Optional<Fault> fault();

    boolean[] readBits(Table table, int address, int count);

    int[] readRegisters(Table table, int address, int count);

    /** A device offers nothing writable unless it says otherwise. */
    default void writeCoils(int address, boolean[] values) {
        throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    default void writeRegisters(int address, int[] values) {
        throw new RequestRejected(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }
}
