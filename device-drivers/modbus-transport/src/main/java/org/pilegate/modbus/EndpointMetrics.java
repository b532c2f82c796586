package org.pilegate.modbus;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Counters of one endpoint since the transport started.
 *
 * @param requests reads and writes submitted
 * @param successes requests that completed with an answer
 * @param errors failed requests by the kind of their final failure
 * @param retries attempts repeated after a failure
 * @param reconnects connections reopened after a failure
 * @param latencyP50 median duration of successful requests (queueing excluded, retries included) over the most
 *            recent ones; zero before the first success
 * @param latencyP99 99th percentile of the same
 */
public record EndpointMetrics(long requests, long successes, Map<ErrorKind, Long> errors, long retries,
        long reconnects, Duration latencyP50, Duration latencyP99) {

    public EndpointMetrics {
        errors = Map.copyOf(errors);
        Objects.requireNonNull(latencyP50, "latencyP50");
        Objects.requireNonNull(latencyP99, "latencyP99");
    }

    /** Failed requests of one kind. */
    public long errors(ErrorKind kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
