package org.pilegate.modbus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an endpoint is doing.
 *
 * @param state current state
 * @param lastError text of the most recent failure, kept after recovery so operators can see what happened
 * @param since when the endpoint entered {@code state}
 */
public record EndpointHealth(State state, Optional<String> lastError, Instant since) {

    public enum State {
        /** The last transaction succeeded. */
        OK,
        /** A transaction failed but is being retried, or the device answered with an exception response. */
        DEGRADED,
        /** A transaction failed with all retries used; stays so until a transaction succeeds again. */
        DOWN
    }

    public EndpointHealth {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(since, "since");
    }
}
