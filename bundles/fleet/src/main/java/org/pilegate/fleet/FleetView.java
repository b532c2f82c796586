package org.pilegate.fleet;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints the fleet today from the uplink's topics of all sites: per site, piles charging, power now, sessions and
 * revenue today. It reads the topics from today's first record on, without a consumer group (nothing of the fleet's
 * own consumers is touched), de-duplicating by eventId:
 *
 * <pre>
 * java -cp "fleet/target/fleet-&lt;version&gt;.jar:$(cat fleet/target/fleet.classpath)" org.pilegate.fleet.FleetView \
 *     --bootstrap-servers kafka-1.fleet:9093 [--client-config fleet.properties] [--topic-prefix pilegate] \
 *     [--zone Europe/Berlin] [--follow]
 * </pre>
 *
 * {@code --client-config} names a Kafka client properties file (TLS, SASL) whose principal may read the topics;
 * {@code --follow} prints the view again every ten seconds instead of once.
 */
public final class FleetView {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> TOPICS = List.of("sessions", "cdrs", "telemetry");
    private static final Duration FOLLOW_EVERY = Duration.ofSeconds(10);

    private FleetView() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = options(args);
        Properties client = new Properties();
        if (options.containsKey("client-config")) {
            try (Reader file = Files.newBufferedReader(Path.of(options.get("client-config")))) {
                client.load(file);
            }
        }
        client.put("bootstrap.servers", required(options, "bootstrap-servers"));
        ZoneId zone = options.containsKey("zone") ? ZoneId.of(options.get("zone")) : ZoneId.systemDefault();
        String prefix = options.getOrDefault("topic-prefix", "pilegate");
        do {
            System.out.print(read(client, prefix, Clock.system(zone)).table());
            if (options.containsKey("follow")) {
                Thread.sleep(FOLLOW_EVERY.toMillis());
                System.out.println();
            }
        } while (options.containsKey("follow"));
    }

    /** Every record of the sites' topics from the start of today (in the clock's zone) up to their end now. */
    public static FleetState read(Properties client, String prefix, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        FleetState fleet = new FleetState(clock.getZone(), today);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : TOPICS) {
                consumer.partitionsFor(prefix + "." + topic).forEach(info -> partitions.add(new TopicPartition(
                        info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            long startOfToday = today.atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(partition -> since.put(partition, startOfToday));
            Map<TopicPartition, OffsetAndTimestamp> firstToday = consumer.offsetsForTimes(since);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp first = firstToday.get(partition);
                consumer.seek(partition, first == null ? end.get(partition) : first.offset());
            }
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    fold(fleet, record);
                }
            }
        }
        return fleet;
    }

    private static void fold(FleetState fleet, ConsumerRecord<String, String> record) {
        try {
            fleet.add(JSON.readTree(record.value()));
        } catch (JsonProcessingException | RuntimeException e) {
            System.err.println("skipped " + record.topic() + "[" + record.partition() + "]@" + record.offset()
                    + ": " + e.getMessage());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            options.put(name, name.equals("follow") ? "" : required(args, ++i, name));
        }
        return options;
    }

    private static String required(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new IllegalArgumentException("--" + name + " needs a value");
        }
        return args[index];
    }

    private static String required(Map<String, String> options, String name) {
        if (!options.containsKey(name)) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return options.get(name);
    }
}
