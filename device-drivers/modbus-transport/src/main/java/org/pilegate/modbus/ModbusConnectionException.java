package org.pilegate.modbus;

/** The connection to the endpoint could not be opened (refused, unreachable, port missing) or was shut down. */
public final class ModbusConnectionException extends ModbusIOException {

    private static final long serialVersionUID = 1L;

    public ModbusConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.CONNECTION;
    }
}
