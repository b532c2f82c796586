package org.pilegate.modbus;

/** The answer was malformed or did not match the request (transaction id, unit id, function or size). */
public final class ModbusProtocolException extends ModbusException {

    private static final long serialVersionUID = 1L;

    public ModbusProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.PROTOCOL;
    }
}
