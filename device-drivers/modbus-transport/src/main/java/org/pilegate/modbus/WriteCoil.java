package org.pilegate.modbus;

/** Function 5: set one coil. */
public record WriteCoil(int unitId, int address, boolean value) implements WriteRequest {

    public WriteCoil {
        Checks.unitId(unitId);
        Checks.address(address);
    }
}
