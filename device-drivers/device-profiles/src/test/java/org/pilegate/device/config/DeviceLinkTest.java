package org.pilegate.device.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.SerialEndpoint;
import org.pilegate.modbus.TcpEndpoint;

class DeviceLinkTest {

    private static final String PID = "org.pilegate.meter.modbus~bay-07";

    @Test
    void hostMeansModbusTcp() {
        assertEquals(new TcpEndpoint("10.0.7.20", 502),
                DeviceLink.endpoint(PID, " 10.0.7.20 ", 502, "", 9600, 8, "even", 1));
    }

    @Test
    void serialPortMeansModbusRtuWithItsLineSettings() {
        assertEquals(new SerialEndpoint("/dev/ttyUSB0", 19200, 8, SerialEndpoint.Parity.NONE, 2,
                SerialEndpoint.Encoding.RTU), DeviceLink.endpoint(PID, "", 502, "/dev/ttyUSB0", 19200, 8, "None", 2));
    }

    @Test
    void exactlyOneLinkIsRequired() {
        assertEquals("configuration " + PID + ": serialPort: set either host (Modbus TCP) or serialPort (Modbus RTU),"
                + " not both", assertThrows(InvalidConfigurationException.class,
                        () -> DeviceLink.endpoint(PID, "10.0.7.20", 502, "/dev/ttyUSB0", 9600, 8, "even", 1))
                        .getMessage());
        assertThrows(InvalidConfigurationException.class,
                () -> DeviceLink.endpoint(PID, " ", 502, null, 9600, 8, "even", 1));
    }

    @Test
    void lineSettingsAreChecked() {
        assertEquals("configuration " + PID + ": parity: must be none, even or odd, was 'maybe'",
                assertThrows(InvalidConfigurationException.class,
                        () -> DeviceLink.endpoint(PID, "", 0, "/dev/ttyS0", 9600, 8, "maybe", 1)).getMessage());
        assertEquals("configuration " + PID + ": baudRate: must be 300..921600, was 12",
                assertThrows(InvalidConfigurationException.class,
                        () -> DeviceLink.endpoint(PID, "", 0, "/dev/ttyS0", 12, 8, "even", 1)).getMessage());
    }
}
