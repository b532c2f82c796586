package org.pilegate.modbus;

import java.time.Duration;
import java.util.Objects;

/**
 * How the transport talks to one endpoint.
 *
 * @param timeout connect and response timeout of one attempt
 * @param interTransactionDelay quiet time between the end of one transaction and the start of the next; slow
 *            PLCs and RTU gateways need it
 * @param maxRetries attempts after the first one for IO, timeout and protocol failures; slave exception
 *            responses are never retried because the device will answer the same again
 * @param backoffBase delay before the first retry; it doubles per retry up to {@code backoffMax}, with jitter
 * @param backoffMax upper bound of the retry delay
 * @param reconnect when to close the connection besides after failures
 */
public record EndpointSettings(Duration timeout, Duration interTransactionDelay, int maxRetries,
        Duration backoffBase, Duration backoffMax, ReconnectPolicy reconnect) {

    /** Values that suit typical TCP meters and PLCs. */
    public static final EndpointSettings DEFAULTS = new EndpointSettings(Duration.ofSeconds(3), Duration.ZERO,
            2, Duration.ofMillis(100), Duration.ofSeconds(2), ReconnectPolicy.keepOpen(Duration.ofSeconds(60)));

    public EndpointSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(interTransactionDelay, "interTransactionDelay");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(reconnect, "reconnect");
        // whole milliseconds, because a socket timeout of 0 ms means "wait forever"
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be 1 ms .. Integer.MAX_VALUE ms, was " + timeout);
        }
        if (interTransactionDelay.isNegative() || backoffBase.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoffMax must not be below backoffBase");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
    }
}
