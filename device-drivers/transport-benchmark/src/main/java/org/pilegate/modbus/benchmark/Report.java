package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.internal.ModbusManagerConfig;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

/** The results as Markdown, with the goals they are held against. */
final class Report {

    /** The transport's single-endpoint rate, as a share of the reference's. */
    static final double MIN_SHARE_OF_REFERENCE = 0.80;
    /** How close to the target rate counts as holding the depot: a run in a hundred may be missed. */
    static final double MIN_SHARE_OF_TARGET = 0.99;
    static final double MAX_GATEWAY_CORES = 1.0;

    private Report() {
    }

    /** One TCP client's two phases. */
    record ClientRun(TcpClient client, Measurement closedLoop, DepotLoad.Result depot) {
    }

    /** @param transport the configuration of every transport phase but its TCP client */
    static String render(Machine machine, BenchmarkSettings settings, DriverReads reads,
            ModbusManagerConfig transport, Measurement reference, List<ClientRun> runs) {
        List<ReadRequest> meterReads = reads.meterReads(settings.meterUnitId(0));
        List<ReadRequest> relayReads = reads.relayReads(settings.relayUnitId(0));
        double target = settings.piles() * (meterReads.size() / seconds(settings.period())
                + relayReads.size() / seconds(settings.relayPeriod()));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Run of %s%n%n",
                OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
        out.append("- Machine: ").append(machine.describe()).append(".\n");
        out.append(String.format(Locale.ROOT, "- Depot: %d piles on %d ports of up to %d piles, the simulator in its"
                + " own JVM on the same machine. A poll of one pile: meter %s %s every %d ms; relay %s %s every %d ms"
                + " (function code, first register+count): target %.0f requests/s.%n",
                settings.piles(), settings.ports(), settings.pilesPerPort(), settings.meterProfile(),
                describe(meterReads), settings.period().toMillis(), settings.relayProfile(), describe(relayReads),
                settings.relayPeriod().toMillis(), target));
        out.append(String.format(Locale.ROOT, "- Transport: inter-transaction delay %d ms, timeout %d ms, %d"
                + " retries. Loops: %d s warm-up, %d s measured, reading %s. Depot: piles started in random order"
                + " over one period, then %d s warm-up, %d s measured.%n%n", transport.interTransactionDelayMillis(),
                transport.timeoutMillis(), transport.maxRetries(), settings.loopWarmup().toSeconds(),
                settings.loopWindow().toSeconds(), describe(List.of(reads.largestMeterRead(settings.meterUnitId(0)))),
                settings.depotWarmup().toSeconds(), settings.depotWindow().toSeconds()));
        out.append("| measurement | requests/s | p50 ms | p99 ms | gateway CPU cores | gateway threads, most"
                + " | simulator CPU cores | machine busy cores | failed | goal | met |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|\n");
        out.append(row("reference: j2mod ModbusTCPMaster, 1 connection, closed loop", reference, "–", "–"));
        StringBuilder counters = new StringBuilder();
        for (ClientRun run : runs) {
            double shareOfReference = run.closedLoop().requestsPerSecond() / reference.requestsPerSecond();
            Measurement depot = run.depot().measurement();
            double shareOfTarget = depot.requestsPerSecond() / target;
            out.append(row("transport, " + run.client() + ": ModbusManager.read, 1 endpoint, closed loop",
                    run.closedLoop(), String.format(Locale.ROOT, "≥ %.0f %% of reference: %.0f %%",
                            100 * MIN_SHARE_OF_REFERENCE, 100 * shareOfReference),
                    met(shareOfReference >= MIN_SHARE_OF_REFERENCE)));
            out.append(row(String.format(Locale.ROOT, "transport, %s: %d piles, %d endpoints", run.client(),
                    settings.piles(), settings.ports()), depot,
                    String.format(Locale.ROOT, "≥ %.0f %% of target: %.1f %%; < %.1f core",
                            100 * MIN_SHARE_OF_TARGET, 100 * shareOfTarget, MAX_GATEWAY_CORES),
                    met(shareOfTarget >= MIN_SHARE_OF_TARGET && depot.gatewayCores() < MAX_GATEWAY_CORES)));
            counters.append(String.format(Locale.ROOT, " %s: %d retries, %d reconnects.", run.client(),
                    run.depot().retries(), run.depot().reconnects()));
        }
        out.append(String.format(Locale.ROOT, "%nLatency of the loops: from call to answer. Of the depot: from when"
                + " a poll was due to its callback, waiting in the endpoint's queue included. Gateway CPU and threads:"
                + " the benchmark JVM (JIT and GC included). Machine busy: all processes on all CPUs; what exceeds"
                + " gateway and simulator competed with them. Transport counters over the whole depot phase:%s%n",
                counters));
        return out.toString();
    }

    private static double seconds(Duration period) {
        return period.toNanos() / 1e9;
    }

    private static String row(String name, Measurement measurement, String goal, String met) {
        String p50 = measurement.latency().map(latency -> millis(latency.p50())).orElse("–");
        String p99 = measurement.latency().map(latency -> millis(latency.p99())).orElse("–");
        return String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %.2f | %d | %s | %s | %d | %s | %s |%n", name,
                measurement.requestsPerSecond(), p50, p99, measurement.gatewayCores(), measurement.peakThreads(),
                cores(measurement.simulatorCores()), cores(measurement.machineCores()), measurement.failed(), goal,
                met);
    }

    private static String cores(OptionalDouble cores) {
        return cores.isPresent() ? String.format(Locale.ROOT, "%.2f", cores.getAsDouble()) : "n/a";
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e6);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String describe(List<ReadRequest> reads) {
        return reads.stream()
                .map(read -> "FC" + read.function().code() + " " + read.address() + "+" + read.count())
                .collect(Collectors.joining(", "));
    }
}
