package org.pilegate.modbus;

/** Function 6: write one holding register with an unsigned value 0..65535. */
public record WriteRegister(int unitId, int address, int value) implements WriteRequest {

    public WriteRegister {
        Checks.unitId(unitId);
        Checks.address(address);
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("register value must be 0..65535, was " + value);
        }
    }
}
