package org.pilegate.uplink.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One record for the cluster, as the outbox keeps it.
 *
 * @param seq the outbox's order: the relay sends the lowest first; 0 before it is stored
 * @param eventId the id consumers de-duplicate by; also in the payload
 * @param topic where it goes
 * @param key the record's key: site and session, or site and pile, so that one session's events stay in order
 * @param payload the JSON record
 * @param createdAt when it was added
 */
record OutboxEvent(long seq, String eventId, Topic topic, String key, String payload, Instant createdAt) {

    OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** What the event counts against the disk budget. */
    int sizeBytes() {
        return payload.getBytes(StandardCharsets.UTF_8).length + key.length() + eventId.length();
    }
}
