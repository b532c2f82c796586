package org.pilegate.sim.internal;

/** Modbus exception codes the simulator answers with (application protocol v1.1b3, section 7). */
enum ExceptionCode {
    ILLEGAL_FUNCTION(0x01),
    ILLEGAL_DATA_ADDRESS(0x02),
    ILLEGAL_DATA_VALUE(0x03),
    /** What a gateway answers for a unit id behind it that does not exist. */
    GATEWAY_TARGET_FAILED(0x0B);

    private final int code;

    ExceptionCode(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
