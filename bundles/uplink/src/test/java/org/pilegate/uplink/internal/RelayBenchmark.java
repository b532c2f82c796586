package org.pilegate.uplink.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.fleet.LocalKafka;

/**
 * The uplink relay's benchmark (run by {@code bundles/uplink/relay-benchmark.sh}, not by the build): a one-hour outage
 * of a 2,000-pile depot's telemetry (a power sample per pile and one for the site each minute) is written straight
 * into the outbox of an embedded H2 file database, then the uplink is enabled against a local KRaft broker (Kafka's own,
 * a process of its own) and the time until the outbox is empty is taken, at each relay interval given. The rate is
 * the events the relay sustained over that drain.
 *
 * <pre>
 * RelayBenchmark [piles=2000] [minutes=60] [relayIntervalsMs=200,50]
 * </pre>
 */
public final class RelayBenchmark {

    private RelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>(Map.of("piles", "2000", "minutes", "60",
                "relayIntervalsMs", "200,50"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            options.put(pair[0], pair[1]);
        }
        int piles = Integer.parseInt(options.get("piles"));
        int minutes = Integer.parseInt(options.get("minutes"));
        try (LocalKafka kafka = new LocalKafka(); SharedThreads threads = new SharedThreads(16)) {
            for (String interval : options.get("relayIntervalsMs").split(",")) {
                Path folder = Files.createTempDirectory("pilegate-relay-benchmark");
                JdbcDataSource store = new JdbcDataSource();
                store.setURL("jdbc:h2:file:" + folder.resolve("store") + ";DB_CLOSE_DELAY=-1");
                Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
                JdbcOutbox outbox = new JdbcOutbox(store);
                long filledAt = System.nanoTime();
                int events = fill(outbox, piles, minutes);
                long fillMs = (System.nanoTime() - filledAt) / 1_000_000;
                long bytes = outbox.backlog(false, 0, 0, Optional.empty()).bytes();

                long started = System.nanoTime();
                UplinkComponent uplink = new UplinkComponent(store, threads, Clock.systemUTC(), UplinkSettings.of(
                        Fixtures.enabled(kafka.bootstrapServers(), Map.of("relayIntervalMs",
                                Integer.parseInt(interval), "siteId", "depot-bench", "outboxBudgetMb", 1024))),
                        null, any -> () -> { });
                while (uplink.backlog().events() > 0) {
                    Thread.sleep(250);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                uplink.deactivate();
                System.out.printf("relayIntervalMs=%s piles=%d outage=%d min: %d events (%.1f MB) written in %d ms;"
                        + " drained in %.1f s = %.0f events/s%n", interval, piles, minutes, events, bytes / 1e6,
                        fillMs, seconds, events / seconds);
            }
        }
    }

    /** The outage's telemetry, minute by minute, as the uplink records it: one transaction per minute. */
    private static int fill(JdbcOutbox outbox, int piles, int minutes) {
        Records records = new Records("depot-bench", Clock.systemUTC());
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        int events = 0;
        for (int minute = 0; minute < minutes; minute++) {
            Instant at = start.plus(Duration.ofMinutes(minute));
            List<OutboxEvent> sample = new ArrayList<>(piles + 1);
            for (int pile = 0; pile < piles; pile++) {
                sample.add(records.pilePower(new PileStatus(new PileId(String.format("bay-%04d", pile)),
                        PileState.CHARGING, PlugState.C, true, 11_000, 1_000_000L + minute * 183L, 16,
                        Optional.empty(), Optional.empty(), at), at));
            }
            sample.add(records.sitePower(11_000L * piles, 2_000_000_000L, piles, at));
            outbox.addAll(sample);
            events += sample.size();
        }
        return events;
    }
}
