package org.pilegate.modbus;

/**
 * Where Modbus slaves are reached. Endpoints are value objects and serve as the key of the one connection the
 * transport keeps per endpoint: every unit id behind the same endpoint shares it.
 */
public sealed interface ModbusEndpoint permits TcpEndpoint, SerialEndpoint {
}
