package org.pilegate.api.uplink;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the uplink still has to send, for metrics and {@code /health}. */
public interface UplinkBacklog {

    /** The outbox now; read from the store, so it may throw when the store does not answer. */
    Backlog backlog();

    /**
     * @param enabled whether the uplink runs
     * @param events events waiting in the outbox
     * @param billingEvents of those, the ones never dropped (sessions and charge records)
     * @param bytes their size, counted against the disk budget
     * @param oldest when the oldest waiting event was added
     * @param droppedTelemetry telemetry events dropped past the disk budget since the start
     * @param sent events the broker acknowledged since the start
     * @param lastError why the last send failed, until one succeeds
     */
    record Backlog(boolean enabled, long events, long billingEvents, long bytes, Optional<Instant> oldest,
            long droppedTelemetry, long sent, Optional<String> lastError) {

        public Backlog {
            Objects.requireNonNull(oldest, "oldest");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
