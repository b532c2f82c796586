package org.pilegate.itests.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The probe's results as Markdown: what ran, on what, and the dialogue's latencies beside their references. */
final class LatencyReport {

    /**
     * How a run was set up.
     *
     * @param depotReady from the JVM's start until every pile was available with its devices answering
     * @param terminalsConnected until every terminal had connected and authenticated
     */
    record Setup(int piles, int pilesPerPort, Duration pacingWindow, int warmUpPiles, Duration statusInterval,
            Duration relayPollInterval, Duration depotReady, Duration terminalsConnected) {
    }

    private LatencyReport() {
    }

    /** @param measured the times of every pile in the measured round */
    static String render(Setup setup, List<DialogueTimes> measured) {
        Latencies prompt = Latencies.of(measured, DialogueTimes::promptDelay);
        Latencies detection = Latencies.of(measured, DialogueTimes::detectionDelay);
        Latencies charging = Latencies.of(measured, DialogueTimes::chargingDelay);
        Latencies contactor = Latencies.of(measured, times -> times.contactorRoundTrip.join());
        Latencies promptOverhead = Latencies.of(measured, times -> times.promptDelay() - times.detectionDelay());
        Latencies chargingOverhead = Latencies.of(measured,
                times -> times.chargingDelay() - times.contactorRoundTrip.join());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Run of %s: %d piles%n%n",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS), setup.piles()));
        out.append("- Machine: ").append(machine()).append("; gateway, simulated depot and the terminal clients"
                + " share its one JVM.\n");
        out.append(String.format(Locale.ROOT, "- Depot: %d simulated piles, %d per Modbus TCP port; relay poll"
                + " interval %d ms (measured: median gap between the states a relay reports); status interval %d ms."
                + "%n", setup.piles(), setup.pilesPerPort(), setup.relayPollInterval().toMillis(),
                setup.statusInterval().toMillis()));
        out.append(String.format(Locale.ROOT, "- Pace: after a warm-up round on %d piles, vehicles plugged at a"
                + " steady %.1f per second (all %d over %d s, in shuffled order); then, at the same pace, each pile's"
                + " reference close and open followed by its charging request.%n", setup.warmUpPiles(),
                setup.piles() / (double) setup.pacingWindow().toSeconds(), setup.piles(),
                setup.pacingWindow().toSeconds()));
        out.append(String.format(Locale.ROOT, "- Setup, before the measures: every pile available %d s after the JVM"
                + " started; the %d terminals connected and authenticated in %d s.%n%n", setup.depotReady().toSeconds(),
                setup.piles(), setup.terminalsConnected().toSeconds()));
        out.append("| measure | count | min ms | p50 ms | p99 ms | max ms | reference p50 / p99 ms | overhead p50 ms |\n");
        out.append("|---|--:|--:|--:|--:|--:|--:|--:|\n");
        out.append(row("(A) plug → association_prompt at the terminal", prompt, detection, promptOverhead));
        out.append(row("(B) charging_request → status CHARGING at the terminal", charging, contactor,
                chargingOverhead));
        out.append(row("reference (A): plug → relay driver reports the vehicle", detection));
        out.append(row("reference (B): Relay.execute(CloseContactor(16)) round trip, idle plugged pile", contactor));
        out.append("\nOverhead p50: the median over the piles of each pile's measure minus its own reference (for (A)"
                + " the same plug, for (B) the same pile just before its request).\n");
        return out.toString();
    }

    static void append(Path results, String section) throws IOException {
        Files.writeString(results, "\n" + section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String row(String measure, Latencies latencies, Latencies reference, Latencies overhead) {
        return cells(measure, latencies) + String.format(Locale.ROOT, " %.1f / %.1f | %.1f |%n",
                reference.percentileMillis(50), reference.percentileMillis(99), overhead.percentileMillis(50));
    }

    private static String row(String measure, Latencies latencies) {
        return cells(measure, latencies) + " – | – |\n";
    }

    private static String cells(String measure, Latencies latencies) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |", measure, latencies.count(),
                latencies.minMillis(), latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.maxMillis());
    }

    /** CPU model and cores as /proc/cpuinfo names them, memory, the JVM the gateway runs in, the load meanwhile. */
    private static String machine() {
        List<String> cpus = lines("/proc/cpuinfo");
        String model = cpus.stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        long cores = cpus.stream().filter(line -> line.startsWith("processor")).count();
        long memoryKib = lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        // other work on the machine shows in the load, and in the latencies
        String load = lines("/proc/loadavg").stream().map(line -> line.split(" ")[0]).findFirst().orElse("unknown");
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM; Java %s (%s); load average over the last"
                + " minute of the run %s", model, cores, memoryKib / (double) (1 << 20),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), load);
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException notLinux) {
            return List.of();
        }
    }
}
