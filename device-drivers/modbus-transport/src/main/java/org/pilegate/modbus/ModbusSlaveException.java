package org.pilegate.modbus;

/** The device answered with a Modbus exception response; not retried, because it would answer the same. */
public final class ModbusSlaveException extends ModbusException {

    public static final int ILLEGAL_FUNCTION = 1;
    public static final int ILLEGAL_DATA_ADDRESS = 2;
    public static final int ILLEGAL_DATA_VALUE = 3;
    public static final int SLAVE_DEVICE_FAILURE = 4;

    private static final long serialVersionUID = 1L;

    private final int exceptionCode;

    public ModbusSlaveException(int exceptionCode) {
        super("slave exception " + exceptionCode + " (" + describe(exceptionCode) + ")", null);
        this.exceptionCode = exceptionCode;
    }

    /** The exception code from the response, e.g. {@link #ILLEGAL_DATA_ADDRESS}. */
    public int exceptionCode() {
        return exceptionCode;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.SLAVE;
    }

    private static String describe(int code) {
        return switch (code) {
            case ILLEGAL_FUNCTION -> "illegal function";
            case ILLEGAL_DATA_ADDRESS -> "illegal data address";
            case ILLEGAL_DATA_VALUE -> "illegal data value";
            case SLAVE_DEVICE_FAILURE -> "slave device failure";
            case 5 -> "acknowledge";
            case 6 -> "slave device busy";
            case 8 -> "memory parity error";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target device failed to respond";
            default -> "unknown";
        };
    }
}
