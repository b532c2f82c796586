package org.pilegate.sim;

/** The two Modbus devices of a simulated pile. */
public enum DeviceKind {
    METER,
    RELAY
}
