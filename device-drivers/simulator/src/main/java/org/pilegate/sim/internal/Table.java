package org.pilegate.sim.internal;

import org.pilegate.modbus.FunctionCode;

/** The four data tables of a Modbus device. */
enum Table {
    COILS,
    DISCRETE_INPUTS,
    HOLDING_REGISTERS,
    INPUT_REGISTERS;

    /** The table a profile's read function addresses. */
    static Table of(FunctionCode function) {
        return switch (function) {
            case READ_COILS -> COILS;
            case READ_DISCRETE_INPUTS -> DISCRETE_INPUTS;
            case READ_HOLDING_REGISTERS -> HOLDING_REGISTERS;
            case READ_INPUT_REGISTERS -> INPUT_REGISTERS;
        };
    }
}
