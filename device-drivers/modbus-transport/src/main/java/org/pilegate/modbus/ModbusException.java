package org.pilegate.modbus;

/**
 * A failed Modbus transaction. Checked, because every read or write can fail for reasons outside the program and
 * callers must decide what a missing value means; it arrives as the cause of a failed {@code CompletionStage} or
 * through {@link PollCallback#onFailure}.
 */
public abstract sealed class ModbusException extends Exception
        permits ModbusIOException, ModbusSlaveException, ModbusProtocolException {

    private static final long serialVersionUID = 1L;

    protected ModbusException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The category this failure is counted under. */
    public abstract ErrorKind kind();
}
