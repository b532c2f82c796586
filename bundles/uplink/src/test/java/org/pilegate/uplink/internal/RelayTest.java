package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.store.internal.StoreDatabases;

/** The relay over a real outbox (H2), with a sender whose acknowledgements the test gives. */
class RelayTest {

    private final HeldSender sender = new HeldSender();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private JdbcOutbox outbox;
    private Relay relay;

    @BeforeEach
    void start() {
        outbox = new JdbcOutbox(StoreDatabases.h2());
        relay = new Relay(outbox, sender, 3, clock);
    }

    @Test
    void eventsGoOutInTheirOrderAndStayUntilAcknowledged() {
        List<OutboxEvent> events = added(5);

        relay.pass();
        assertEquals(JdbcOutboxTest.ids(events.subList(0, 3)), sender.sentIds(), "at most a batch in flight");
        assertEquals(5, outbox.after(0, 10).size(), "nothing removed before the broker acknowledged it");

        sender.acknowledge(2);
        relay.pass();
        assertEquals(JdbcOutboxTest.ids(events), sender.sentIds());
        assertEquals(JdbcOutboxTest.ids(events.subList(2, 5)), JdbcOutboxTest.ids(outbox.after(0, 10)));

        sender.acknowledge(3);
        relay.pass();
        assertEquals(List.of(), outbox.after(0, 10));
        assertEquals(5, relay.sent());
    }

    @Test
    void afterAFailureItSendsAgainFromTheOldestNotAcknowledged() {
        List<OutboxEvent> events = added(3);
        relay.pass();

        sender.acknowledge(1);
        sender.fail(1);
        relay.pass();
        assertEquals(3, sender.sentIds().size(), "waits while the third is in flight");

        sender.acknowledge(1); // the third reached the broker after all
        relay.pass();
        assertTrue(relay.lastError().orElseThrow().contains("broker gone"), relay.lastError().toString());
        relay.pass();
        assertEquals(3, sender.sentIds().size(), "waits before trying again");

        clock.advance(Relay.RETRY_AFTER);
        relay.pass();
        List<String> expected = new ArrayList<>(JdbcOutboxTest.ids(events));
        expected.add(events.get(1).eventId());
        assertEquals(expected, sender.sentIds(), "the second again; the third, acknowledged, is not");

        sender.acknowledge(1);
        relay.pass();
        assertEquals(List.of(), outbox.after(0, 10));
    }

    @Test
    void aSendThatCannotEvenBeQueuedIsTriedAgainLater() {
        List<OutboxEvent> events = added(2);
        sender.refuseNext = true;

        relay.pass();
        relay.pass();
        clock.advance(Relay.RETRY_AFTER);
        relay.pass();

        assertEquals(JdbcOutboxTest.ids(events), sender.sentIds());
        assertEquals(Optional.of("IllegalStateException: no metadata"), relay.lastError());
    }

    @Test
    void aFailureReportedWhileSendingStopsThePassSoThatNoLaterEventOvertakesIt() {
        List<OutboxEvent> events = added(3);
        sender.failAtOnce = true;

        relay.pass();
        assertEquals(JdbcOutboxTest.ids(events.subList(0, 1)), sender.sentIds());

        relay.pass();
        clock.advance(Relay.RETRY_AFTER);
        relay.pass();
        List<String> expected = new ArrayList<>(JdbcOutboxTest.ids(events.subList(0, 1)));
        expected.addAll(JdbcOutboxTest.ids(events));
        assertEquals(expected, sender.sentIds(), "all again, from the first");
    }

    private List<OutboxEvent> added(int count) {
        List<OutboxEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(JdbcOutboxTest.event(Topic.SESSIONS, 10));
        }
        outbox.addAll(events);
        return events;
    }

    /** Keeps what it was given; the test acknowledges or fails the oldest pending ones. */
    private static final class HeldSender implements Sender {

        private final List<OutboxEvent> sent = new ArrayList<>();
        private final List<Consumer<Optional<Exception>>> pending = new ArrayList<>();
        boolean refuseNext;
        /** Reports the next send failed before it returns, as Kafka's producer does without metadata. */
        boolean failAtOnce;

        @Override
        public void send(OutboxEvent event, Consumer<Optional<Exception>> done) {
            if (refuseNext) {
                refuseNext = false;
                throw new IllegalStateException("no metadata");
            }
            sent.add(event);
            if (failAtOnce) {
                failAtOnce = false;
                done.accept(Optional.of(new IllegalStateException("not in metadata")));
                return;
            }
            pending.add(done);
        }

        void acknowledge(int count) {
            for (int i = 0; i < count; i++) {
                pending.remove(0).accept(Optional.empty());
            }
        }

        void fail(int count) {
            for (int i = 0; i < count; i++) {
                pending.remove(0).accept(Optional.of(new IllegalStateException("broker gone")));
            }
        }

        List<String> sentIds() {
            return JdbcOutboxTest.ids(sent);
        }

        @Override
        public void close() {
        }
    }
}
