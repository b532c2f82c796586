package org.pilegate.modbus;

import java.util.Objects;

/** A Modbus TCP server (a device or a TCP-to-RTU gateway). */
public record TcpEndpoint(String host, int port) implements ModbusEndpoint {

    public static final int DEFAULT_PORT = 502;

    public TcpEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port;
    }
}
