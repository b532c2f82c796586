package org.pilegate.modbus;

/** No (complete) answer arrived within the endpoint's timeout. */
public final class ModbusTimeoutException extends ModbusIOException {

    private static final long serialVersionUID = 1L;

    public ModbusTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.TIMEOUT;
    }
}
