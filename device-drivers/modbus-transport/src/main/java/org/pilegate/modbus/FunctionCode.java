package org.pilegate.modbus;

/** The Modbus functions that read, with the largest quantity one request may ask for. */
public enum FunctionCode {
    READ_COILS(1, 2000, true),
    READ_DISCRETE_INPUTS(2, 2000, true),
    READ_HOLDING_REGISTERS(3, 125, false),
    READ_INPUT_REGISTERS(4, 125, false);

    private final int code;
    private final int maxCount;
    private final boolean readsBits;

    FunctionCode(int code, int maxCount, boolean readsBits) {
        this.code = code;
        this.maxCount = maxCount;
        this.readsBits = readsBits;
    }

    /** The function code on the wire. */
    public int code() {
        return code;
    }

    /** Most registers or bits one request may read (Modbus application protocol, section 6). */
    public int maxCount() {
        return maxCount;
    }

    /** Whether the answer is bits ({@link BitBlock}) rather than registers ({@link RegisterBlock}). */
    public boolean readsBits() {
        return readsBits;
    }
}
