package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pilegate.fleet.LocalKafka;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.uplink.UplinkBacklog.Backlog;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.store.internal.StoreDatabases;

/**
 * The uplink against Kafka's own broker, run as a process of its own: sessions flow to the topics; the broker goes
 * away while sessions finish and are paid, the gateway stops with the outbox full, and after both are back every
 * billing event has arrived exactly once (de-duplicated by eventId) and in order per session.
 */
class UplinkBrokerTest {

    private static final List<String> SESSIONS = List.of("s-1", "s-2", "s-3", "s-4");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static LocalKafka kafka;

    private final DataSource store = StoreDatabases.h2();

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new LocalKafka();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void everyBillingEventArrivesOnceAndInOrderThoughTheBrokerAndTheGatewayWentAway() throws Exception {
        try (SharedThreads threads = new SharedThreads(4)) {
            UplinkComponent gateway = gateway(threads);
            UplinkOutbox outbox = gateway.recording().orElseThrow();
            for (String session : SESSIONS) {
                inTransaction(tx -> outbox.sessionChanged(tx, Fixtures.session(session, SessionState.PENDING)));
                inTransaction(tx -> outbox.sessionChanged(tx, Fixtures.session(session, SessionState.CHARGING)));
            }
            try (Connection uncommitted = store.getConnection()) {
                uncommitted.setAutoCommit(false);
                outbox.sessionChanged(uncommitted, Fixtures.session("s-rolled-back", SessionState.PENDING));
                awaitBacklog(gateway, backlog -> backlog.billingEvents() == 0);
                uncommitted.rollback();
            }

            kafka.stop();
            for (String session : SESSIONS) {
                inTransaction(tx -> outbox.sessionChanged(tx, Fixtures.session(session, SessionState.FINISHED)));
                inTransaction(tx -> outbox.sessionPriced(tx, Fixtures.session(session, SessionState.FINISHED),
                        Optional.of(new AccountId("fleet-7")), Fixtures.fee(session),
                        Fixtures.priced(Fixtures.fee(session), "standard-2026")));
                inTransaction(tx -> outbox.sessionChanged(tx, Fixtures.session(session, SessionState.PAID)));
            }
            Thread.sleep(Relay.RETRY_AFTER.toMillis());
            assertEquals(3 * SESSIONS.size(), gateway.backlog().billingEvents(),
                    "nothing leaves the outbox while the broker is away");
            gateway.deactivate();

            kafka.start();
            UplinkComponent restarted = gateway(threads);
            awaitBacklog(restarted, backlog -> backlog.billingEvents() == 0);
            restarted.deactivate();
        }

        Map<String, List<String>> sessionEvents = new LinkedHashMap<>();
        List<JsonNode> chargeRecords = new ArrayList<>();
        for (JsonNode record : records(List.of("pilegate.sessions", "pilegate.cdrs"), SESSIONS.size() * 5,
                "depot-north/")) {
            assertEquals(1, record.get("schemaVersion").asInt());
            assertEquals("depot-north", record.get("siteId").asText());
            assertFalse(record.get("time").asText().isEmpty());
            if (record.get("type").asText().equals("cdr")) {
                chargeRecords.add(record.get("cdr"));
            } else {
                sessionEvents.computeIfAbsent(record.at("/session/id").asText(), id -> new ArrayList<>())
                        .add(record.get("type").asText());
            }
        }
        for (String session : SESSIONS) {
            assertEquals(List.of("session.pending", "session.charging", "session.finished", "session.paid"),
                    sessionEvents.get(session), "once each, in order, for " + session);
        }
        assertFalse(sessionEvents.containsKey("s-rolled-back"), "rolled back: never sent");
        assertEquals(SESSIONS.size(), chargeRecords.size());
        for (JsonNode cdr : chargeRecords) {
            assertEquals("10.79", cdr.at("/total_cost/incl_vat").asText(), "the fee notice's total");
        }
    }

    @Test
    void theSitesCommandsAreAppliedOnceAndEachIsAnsweredOnTheAcksTopic() throws Exception {
        FakeDepot depot = new FakeDepot(Set.of(new PileId("bay-07")));
        String limit = DownlinkTest.command("k-1", "pile.limit", "\"pileId\": \"bay-07\", \"limitA\": 16")
                .replace("2026-12-03T11:00:00Z", Instant.now().plusSeconds(3_600).toString());
        try (KafkaProducer<String, String> fleet = new KafkaProducer<>(plain(), new StringSerializer(),
                new StringSerializer())) {
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-north", limit));
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-south", limit.replace("k-1", "k-2")));
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-north", limit));
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-north", "{\"commandId\": \"k-3\"}"));
            fleet.flush();
        }
        try (SharedThreads threads = new SharedThreads(4)) {
            UplinkComponent gateway = gateway(threads);
            DownlinkComponent downlink = new DownlinkComponent(store, threads, Clock.systemUTC(), CommandFeed::new,
                    UplinkSettings.of(Fixtures.enabled(kafka.bootstrapServers(), Map.of("acceptCommands", true))));
            downlink.depot = depot;
            downlink.addPile(new FakePileController("bay-07", 0));

            awaitBacklog(gateway, backlog -> backlog.sent() >= 2 && backlog.events() == 0);
            List<JsonNode> acks = records(List.of("pilegate.acks"), 2, "depot-north");
            downlink.deactivate();
            gateway.deactivate();

            assertEquals(List.of("bay-07 limit OptionalInt[16]"), depot.applied, "delivered twice, applied once");
            assertEquals(List.of("k-1 applied", "k-3 refused"), acks.stream().map(ack -> ack.get("commandId")
                    .asText() + " " + ack.get("outcome").asText()).toList(), "k-2 is another site's");
        }
    }

    private UplinkComponent gateway(SharedThreads threads) {
        return new UplinkComponent(store, threads, Clock.systemUTC(), UplinkSettings.of(Fixtures.enabled(
                kafka.bootstrapServers(), Map.of("relayIntervalMs", 50))), null, outbox -> () -> { });
    }

    /**
     * The topics from the start, de-duplicated by eventId in the order they arrived per partition, until
     * {@code expected} distinct records came and a little longer (a doubled event would come late); every key starts
     * with {@code keyStart}.
     */
    private static List<JsonNode> records(List<String> topics, int expected, String keyStart) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(plain(), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic,
                        info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (records.size() < expected || quietPolls < 3)) {
                int before = records.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = Records.JSON.readTree(record.value());
                    assertTrue(record.key().startsWith(keyStart), record.key());
                    if (seen.add(json.get("eventId").asText())) {
                        records.add(json);
                    } else {
                        duplicates++;
                    }
                }
                quietPolls = records.size() == before && records.size() >= expected ? quietPolls + 1 : 0;
            }
        }
        System.out.println("Fleet consumer: " + records.size() + " records of " + topics + ", " + duplicates
                + " duplicate(s) dropped by eventId");
        return records;
    }

    private static Properties plain() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    private void awaitBacklog(UplinkComponent gateway, Predicate<Backlog> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.test(gateway.backlog())) {
            assertTrue(System.nanoTime() < deadline, "backlog still " + gateway.backlog());
            Thread.sleep(100);
        }
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection transaction = store.getConnection()) {
            transaction.setAutoCommit(false);
            work.run(transaction);
            transaction.commit();
        }
    }

    private interface Work {
        void run(Connection transaction) throws SQLException;
    }
}
