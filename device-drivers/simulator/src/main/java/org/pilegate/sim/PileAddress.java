package org.pilegate.sim;

import java.util.Objects;

/**
 * Where a driver reaches a simulated pile's devices.
 *
 * @param host address the simulator listens on
 * @param port TCP port shared by the piles of one simulated gateway
 * @param meterUnitId unit id of the pile's meter on that port
 * @param relayUnitId unit id of the pile's relay on that port
 */
public record PileAddress(String host, int port, int meterUnitId, int relayUnitId) {

    public PileAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        if (meterUnitId == relayUnitId) {
            throw new IllegalArgumentException("meter and relay share unit id " + meterUnitId);
        }
    }
}
