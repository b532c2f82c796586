package org.pilegate.modbus;

import java.util.Objects;

/**
 * What to read from one unit: an immutable blueprint that may be sent any number of times.
 *
 * @param unitId slave address (unit identifier) 0..255
 * @param function which table to read
 * @param address zero-based protocol address of the first item
 * @param count registers (at most 125) or bits (at most 2000)
 */
public record ReadRequest(int unitId, FunctionCode function, int address, int count) {

    public ReadRequest {
        Objects.requireNonNull(function, "function");
        Checks.unitId(unitId);
        Checks.range(address, count, function.maxCount());
    }

    /** The address just past the last item read. */
    public int end() {
        return address + count;
    }
}
