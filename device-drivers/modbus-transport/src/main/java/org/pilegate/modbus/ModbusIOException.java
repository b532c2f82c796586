package org.pilegate.modbus;

/** The exchange with the device failed on the wire; retried with a fresh connection. */
public sealed class ModbusIOException extends ModbusException
        permits ModbusTimeoutException, ModbusConnectionException {

    private static final long serialVersionUID = 1L;

    public ModbusIOException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.IO;
    }
}
