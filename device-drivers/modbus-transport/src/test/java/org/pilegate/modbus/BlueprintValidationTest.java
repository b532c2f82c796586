package org.pilegate.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Requests, endpoints and settings refuse what a device could never answer. */
class BlueprintValidationTest {

    @Test
    void registerReadsAreLimitedTo125() {
        assertEquals(125, new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 125).count());
        assertThrows(IllegalArgumentException.class,
                () -> new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 0, 126));
        assertThrows(IllegalArgumentException.class, () -> new ReadRequest(1, FunctionCode.READ_INPUT_REGISTERS, 0, 0));
    }

    @Test
    void bitReadsAreLimitedTo2000() {
        assertEquals(2000, new ReadRequest(1, FunctionCode.READ_COILS, 0, 2000).count());
        assertThrows(IllegalArgumentException.class,
                () -> new ReadRequest(1, FunctionCode.READ_DISCRETE_INPUTS, 0, 2001));
    }

    @Test
    void readsStayInsideTheAddressSpace() {
        assertEquals(65536, new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 65535, 1).end());
        assertThrows(IllegalArgumentException.class,
                () -> new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 65535, 2));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, -1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new ReadRequest(1, FunctionCode.READ_HOLDING_REGISTERS, 65536, 1));
    }

    @Test
    void unitIdsAreOneByte() {
        assertEquals(255, new ReadRequest(255, FunctionCode.READ_COILS, 0, 1).unitId());
        assertThrows(IllegalArgumentException.class, () -> new ReadRequest(256, FunctionCode.READ_COILS, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new WriteCoil(-1, 0, true));
        assertThrows(NullPointerException.class, () -> new ReadRequest(1, null, 0, 1));
    }

    @Test
    void writesRespectProtocolLimits() {
        assertThrows(IllegalArgumentException.class, () -> new WriteRegister(1, 0, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new WriteRegister(1, 70000, 1));
        assertEquals(123, new WriteRegisters(1, 0, RegisterBlock.of(new int[123])).values().size());
        assertThrows(IllegalArgumentException.class, () -> new WriteRegisters(1, 0, RegisterBlock.of(new int[124])));
        assertThrows(IllegalArgumentException.class, () -> new WriteRegisters(1, 0, RegisterBlock.of()));
        assertThrows(IllegalArgumentException.class, () -> new WriteRegisters(1, 65535, RegisterBlock.of(1, 2)));
        assertEquals(1968, new WriteCoils(1, 0, BitBlock.of(new boolean[1968])).values().size());
        assertThrows(IllegalArgumentException.class, () -> new WriteCoils(1, 0, BitBlock.of(new boolean[1969])));
    }

    @Test
    void endpointsAreValidated() {
        assertEquals("tcp://10.0.0.5:502", new TcpEndpoint("10.0.0.5", TcpEndpoint.DEFAULT_PORT).toString());
        assertThrows(IllegalArgumentException.class, () -> new TcpEndpoint(" ", 502));
        assertThrows(IllegalArgumentException.class, () -> new TcpEndpoint("meter", 0));
        assertThrows(IllegalArgumentException.class, () -> new TcpEndpoint("meter", 65536));
        assertEquals("serial:///dev/ttyUSB0?9600,8E1,RTU", new SerialEndpoint("/dev/ttyUSB0", 9600, 8,
                SerialEndpoint.Parity.EVEN, 1, SerialEndpoint.Encoding.RTU).toString());
        assertThrows(IllegalArgumentException.class, () -> new SerialEndpoint("/dev/ttyUSB0", 9600, 8,
                SerialEndpoint.Parity.NONE, 3, SerialEndpoint.Encoding.RTU));
        assertThrows(IllegalArgumentException.class, () -> new SerialEndpoint("/dev/ttyUSB0", 0, 8,
                SerialEndpoint.Parity.NONE, 1, SerialEndpoint.Encoding.ASCII));
    }

    @Test
    void equalEndpointsAreTheSameKey() {
        assertEquals(new TcpEndpoint("meter", 502), new TcpEndpoint("meter", 502));
    }

    @Test
    void settingsAreValidated() {
        Duration second = Duration.ofSeconds(1);
        ReconnectPolicy keepOpen = ReconnectPolicy.keepOpen(Duration.ofMinutes(1));
        assertEquals(2, EndpointSettings.DEFAULTS.maxRetries());
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointSettings(Duration.ZERO, second, 1, second, second, keepOpen));
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointSettings(Duration.ofNanos(500_000), second, 1, second, second, keepOpen));
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointSettings(second, second, -1, second, second, keepOpen));
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointSettings(second, second, 1, second, Duration.ofMillis(999), keepOpen));
        assertThrows(IllegalArgumentException.class,
                () -> new EndpointSettings(second, Duration.ofMillis(-1), 1, second, second, keepOpen));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.keepOpen(Duration.ofSeconds(-1)));
    }

    @Test
    void slaveExceptionsCarryTheirCode() {
        ModbusSlaveException exception = new ModbusSlaveException(ModbusSlaveException.ILLEGAL_DATA_ADDRESS);
        assertEquals(2, exception.exceptionCode());
        assertEquals(ErrorKind.SLAVE, exception.kind());
        assertEquals("slave exception 2 (illegal data address)", exception.getMessage());
    }
}
