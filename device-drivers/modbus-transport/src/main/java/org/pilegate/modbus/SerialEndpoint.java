package org.pilegate.modbus;

import java.util.Objects;

/**
 * A serial line (RS-485/RS-232) with its framing. All settings are part of the key, so every driver on one bus
 * must describe the port identically to share its connection.
 */
public record SerialEndpoint(String port, int baud, int dataBits, Parity parity, int stopBits, Encoding encoding)
        implements ModbusEndpoint {

    public enum Parity {
        NONE, ODD, EVEN, MARK, SPACE
    }

    public enum Encoding {
        RTU, ASCII
    }

    public SerialEndpoint {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(encoding, "encoding");
        if (port.isBlank()) {
            throw new IllegalArgumentException("port must not be blank");
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, was " + baud);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5..8, was " + dataBits);
        }
        if (stopBits != 1 && stopBits != 2) {
            throw new IllegalArgumentException("stopBits must be 1 or 2, was " + stopBits);
        }
    }

    @Override
    public String toString() {
        return "serial://" + port + "?" + baud + "," + dataBits + parity.name().charAt(0) + stopBits + ","
                + encoding;
    }
}
