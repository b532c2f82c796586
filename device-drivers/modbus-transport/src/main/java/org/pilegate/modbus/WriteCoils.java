package org.pilegate.modbus;

import java.util.Objects;

/** Function 15: set 1..1968 consecutive coils. */
public record WriteCoils(int unitId, int address, BitBlock values) implements WriteRequest {

    public static final int MAX_COUNT = 1968;

    public WriteCoils {
        Objects.requireNonNull(values, "values");
        Checks.unitId(unitId);
        Checks.range(address, values.size(), MAX_COUNT);
    }
}
