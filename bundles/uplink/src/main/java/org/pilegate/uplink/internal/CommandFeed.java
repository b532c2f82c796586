package org.pilegate.uplink.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands topic as this site reads it: in batches, each taken without waiting from what has arrived; records
 * keyed by another site are passed over. A batch counts as done (its offsets committed) when the next is taken, unless
 * it was handed back with {@link #again()}. Kafka's consumer is for one thread at a time: the caller never looks from
 * two at once.
 */
final class CommandFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandFeed.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final Consumer<String, String> consumer;
    private final String siteId;
    private final Map<TopicPartition, Long> batchStart = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> batchEnd = new HashMap<>();

    CommandFeed(UplinkSettings settings) {
        this.siteId = settings.siteId();
        this.consumer = KafkaClients.made(() -> new KafkaConsumer<>(settings.consumerProperties(),
                new StringDeserializer(), new StringDeserializer()));
        consumer.subscribe(List.of(settings.commandsTopic()));
    }

    /** This site's commands that arrived since the last batch, oldest first per partition. */
    List<ConsumerRecord<String, String>> next() {
        if (!batchEnd.isEmpty()) {
            consumer.commitAsync(Map.copyOf(batchEnd), (offsets, error) -> {
                if (error != null) {
                    LOG.warn("Uplink: the commands read could not be marked as read ({}); they come again and are"
                            + " recognised by their id", error.toString());
                }
            });
        }
        batchStart.clear();
        batchEnd.clear();
        ConsumerRecords<String, String> records = consumer.poll(Duration.ZERO);
        List<ConsumerRecord<String, String>> ours = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> inPartition = records.records(partition);
            batchStart.put(partition, inPartition.get(0).offset());
            batchEnd.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
            inPartition.stream().filter(record -> siteId.equals(record.key())).forEach(ours::add);
        }
        return ours;
    }

    /** The last batch was not answered whole: it is read again from its start. */
    void again() {
        batchStart.forEach(consumer::seek);
        batchStart.clear();
        batchEnd.clear();
    }

    /** What is not committed is read again by the next consumer of this site. */
    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(CLOSE_WAIT));
    }

    static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "[" + record.partition() + "]@" + record.offset();
    }
}
