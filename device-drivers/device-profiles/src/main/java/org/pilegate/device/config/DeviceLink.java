package org.pilegate.device.config;

import static org.pilegate.device.config.InvalidConfigurationException.requireRange;
import static org.pilegate.device.config.InvalidConfigurationException.requireText;

import java.util.Locale;

import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.SerialEndpoint;
import org.pilegate.modbus.TcpEndpoint;

/**
 * How a driver configuration says where its device is: {@code host} and {@code port} for Modbus TCP, or
 * {@code serialPort} with its line settings ({@code baudRate}, {@code dataBits}, {@code parity}, {@code stopBits})
 * for Modbus RTU. Exactly one of {@code host} and {@code serialPort} is set.
 */
public final class DeviceLink {

    private DeviceLink() {
    }

    /** @throws InvalidConfigurationException naming the key at fault */
    public static ModbusEndpoint endpoint(String pid, String host, int port, String serialPort, int baudRate,
            int dataBits, String parity, int stopBits) {
        boolean tcp = host != null && !host.isBlank();
        boolean serial = serialPort != null && !serialPort.isBlank();
        if (tcp == serial) {
            throw new InvalidConfigurationException(pid, tcp ? "serialPort" : "host",
                    "set either host (Modbus TCP) or serialPort (Modbus RTU), "
                            + (tcp ? "not both" : "one of them is required"));
        }
        if (tcp) {
            return new TcpEndpoint(requireText(pid, "host", host), requireRange(pid, "port", port, 1, 65535));
        }
        SerialEndpoint.Parity lineParity;
        try {
            lineParity = SerialEndpoint.Parity.valueOf(requireText(pid, "parity", parity).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(pid, "parity", "must be none, even or odd, was '" + parity + "'");
        }
        return new SerialEndpoint(serialPort.strip(), requireRange(pid, "baudRate", baudRate, 300, 921_600),
                requireRange(pid, "dataBits", dataBits, 7, 8), lineParity, requireRange(pid, "stopBits", stopBits, 1, 2),
                SerialEndpoint.Encoding.RTU);
    }
}
