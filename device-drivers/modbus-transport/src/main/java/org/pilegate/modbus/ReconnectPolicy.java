package org.pilegate.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * When the transport closes an endpoint's connection besides after an IO failure, which always forces a reopen.
 *
 * @param closeAfterTransaction close after every transaction, for gateways that serve one short-lived client
 * @param maxIdle reopen a connection unused for longer than this before the next transaction, because many
 *            devices drop idle clients silently and the first write would otherwise fail
 */
public record ReconnectPolicy(boolean closeAfterTransaction, Duration maxIdle) {

    public ReconnectPolicy {
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (maxIdle.isNegative()) {
            throw new IllegalArgumentException("maxIdle must not be negative");
        }
    }

    public static ReconnectPolicy keepOpen(Duration maxIdle) {
        return new ReconnectPolicy(false, maxIdle);
    }

    public static ReconnectPolicy perTransaction() {
        return new ReconnectPolicy(true, Duration.ZERO);
    }
}
