package org.pilegate.uplink.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The idempotent Kafka producer of the uplink. The producer runs one I/O thread of its own, Kafka's; the uplink has
 * none.
 */
final class KafkaSender implements Sender {

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Producer<String, String> producer;
    private final UplinkSettings settings;

    KafkaSender(UplinkSettings settings) {
        this.settings = settings;
        this.producer = KafkaClients.made(() -> new KafkaProducer<>(settings.producerProperties(),
                new StringSerializer(), new StringSerializer()));
    }

    @Override
    public void send(OutboxEvent event, Consumer<Optional<Exception>> done) {
        ProducerRecord<String, String> record = new ProducerRecord<>(settings.topic(event.topic()), event.key(),
                event.payload());
        record.headers().add(new RecordHeader("eventId", event.eventId().getBytes(StandardCharsets.UTF_8)));
        producer.send(record, (metadata, error) -> done.accept(Optional.ofNullable(error)));
    }

    /** Waits briefly for what is in flight; what is not acknowledged by then stays in the outbox. */
    @Override
    public void close() {
        producer.close(CLOSE_WAIT);
    }
}
