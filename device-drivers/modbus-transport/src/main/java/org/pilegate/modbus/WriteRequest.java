package org.pilegate.modbus;

/** What to write to one unit: an immutable blueprint. */
public sealed interface WriteRequest permits WriteCoil, WriteCoils, WriteRegister, WriteRegisters {

    /** Slave address (unit identifier) 0..255. */
    int unitId();

    /** Zero-based protocol address of the first coil or register written. */
    int address();
}
