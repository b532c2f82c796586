package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.uplink.UplinkBacklog.Backlog;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcOutboxTest {

    private DataSource database;
    private JdbcOutbox outbox;

    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void connect() throws Exception {
        database = freshDatabase();
        outbox = new JdbcOutbox(database);
    }

    @Test
    void anEventIsThereOnlyIfItsTransactionCommits() throws Exception {
        try (Connection transaction = database.getConnection()) {
            transaction.setAutoCommit(false);
            JdbcOutbox.add(transaction, event(Topic.SESSIONS, 100));
            transaction.rollback();
        }
        assertEquals(List.of(), outbox.after(0, 10), "rolled back with its change");

        OutboxEvent committed = event(Topic.SESSIONS, 100);
        try (Connection transaction = database.getConnection()) {
            transaction.setAutoCommit(false);
            JdbcOutbox.add(transaction, committed);
            transaction.commit();
        }
        assertEquals(List.of(committed.eventId()), ids(outbox.after(0, 10)));
    }

    @Test
    void eventsComeOldestFirstAndGoOnceRemoved() {
        List<OutboxEvent> events = List.of(event(Topic.SESSIONS, 10), event(Topic.CDRS, 10),
                event(Topic.TELEMETRY, 10));
        outbox.addAll(events);

        List<OutboxEvent> stored = outbox.after(0, 10);
        assertEquals(ids(events), ids(stored));
        assertEquals(ids(events.subList(1, 3)), ids(outbox.after(stored.get(0).seq(), 10)));

        outbox.remove(List.of(stored.get(0).seq(), stored.get(2).seq()));
        assertEquals(List.of(events.get(1).eventId()), ids(outbox.after(0, 10)));
    }

    @Test
    void pastTheBudgetTheOldestTelemetryGoesAndBillingStays() {
        OutboxEvent billing = event(Topic.SESSIONS, 1_000);
        List<OutboxEvent> telemetry = List.of(event(Topic.TELEMETRY, 1_000), event(Topic.TELEMETRY, 1_000),
                event(Topic.TELEMETRY, 1_000));
        OutboxEvent record = event(Topic.CDRS, 1_000);
        outbox.addAll(List.of(telemetry.get(0), billing, telemetry.get(1), record, telemetry.get(2)));
        long size = billing.sizeBytes();

        assertEquals(2, outbox.keepWithin(3 * size));

        assertEquals(List.of(billing.eventId(), record.eventId(), telemetry.get(2).eventId()),
                ids(outbox.after(0, 10)));
        assertEquals(1, outbox.keepWithin(size), "the last telemetry goes");
        assertEquals(0, outbox.keepWithin(size), "billing events are never dropped");
        assertEquals(List.of(billing.eventId(), record.eventId()), ids(outbox.after(0, 10)));
    }

    @Test
    void theBacklogCountsWhatWaits() {
        Backlog empty = outbox.backlog(true, 0, 0, Optional.empty());
        assertEquals(0, empty.events());
        assertEquals(Optional.empty(), empty.oldest());

        OutboxEvent first = event(Topic.SESSIONS, 10);
        outbox.addAll(List.of(first, event(Topic.TELEMETRY, 10)));

        Backlog waiting = outbox.backlog(true, 3, 7, Optional.of("broker down"));
        assertEquals(2, waiting.events());
        assertEquals(1, waiting.billingEvents());
        assertEquals(2L * first.sizeBytes(), waiting.bytes());
        assertEquals(Optional.of(first.createdAt()), waiting.oldest());
        assertEquals(3, waiting.droppedTelemetry());
    }

    @Test
    void anEventIdIsStoredOnce() {
        OutboxEvent event = event(Topic.SESSIONS, 10);
        outbox.addAll(List.of(event));

        assertThrows(IllegalStateException.class, () -> outbox.addAll(List.of(event)));
        assertEquals(1, outbox.after(0, 10).size());
    }

    static OutboxEvent event(Topic topic, int payloadChars) {
        String id = UUID.randomUUID().toString();
        return new OutboxEvent(0, id, topic, "site/" + id.substring(0, 8), "x".repeat(payloadChars),
                Instant.parse("2026-12-03T10:15:30.123Z"));
    }

    static List<String> ids(List<OutboxEvent> events) {
        return events.stream().map(OutboxEvent::eventId).toList();
    }
}
