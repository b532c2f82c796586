package org.pilegate.modbus;

/** Numeric types stored in consecutive registers, as register maps name them. */
public enum RegisterType {
    INT16(1),
    UINT16(1),
    INT32(2),
    UINT32(2),
    FLOAT32(2),
    INT64(4),
    /** Decoded as a {@code long}; values above {@link Long#MAX_VALUE} are rejected rather than wrapped. */
    UINT64(4),
    FLOAT64(4);

    private final int words;

    RegisterType(int words) {
        this.words = words;
    }

    /** Number of registers the value occupies. */
    public int words() {
        return words;
    }
}
