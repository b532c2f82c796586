package org.pilegate.modbus;

import java.util.Objects;

/** Function 16: write 1..123 consecutive holding registers. */
public record WriteRegisters(int unitId, int address, RegisterBlock values) implements WriteRequest {

    public static final int MAX_COUNT = 123;

    public WriteRegisters {
        Objects.requireNonNull(values, "values");
        Checks.unitId(unitId);
        Checks.range(address, values.size(), MAX_COUNT);
    }
}
