package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;


/**
 * One run of the depot benchmark as a Markdown section: what ran on what, the gateway's start, the paced latencies
 * beside their references, the sessions back to back, what each process used, the targets, and the profile.
 */
final class BenchReport {

    private static final long TARGET_B_P99_MS = 50;
    private static final long TARGET_A_OVERHEAD_P99_MS = 20;
    private static final long TARGET_SESSIONS_PER_MINUTE = 10_000;
    private static final long TARGET_RSS_MB = 400;
    /** Groups of the gateway's threads the report lists by their CPU. */
    private static final int BUSIEST_THREAD_GROUPS = 10;

    private final BenchSettings settings;
    private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    String loadAverageAtStart;
    String gatewayJavaOptions;
    long readyMillis;
    Duration depotReady;
    long relayPollMillis;
    Duration registered;
    Duration connected;
    Usage idle;
    Duration pacingWindow;
    List<SessionTimes> paced;
    Usage pacedUsage;
    Map<String, Long> pacedTally;
    Usage backToBackUsage;
    Map<String, Long> backToBackTally;
    /** The embedded store's figures at the start and the end of the counted window. */
    StoreFigures storeBefore;
    StoreFigures storeAfter;
    String profile;
    String idleProfile;
    /** {@code jcmd GC.class_histogram} of the idle gateway, when profiled. */
    String liveHeap;
    /** {@code jcmd VM.native_memory summary} at the end of the counted window, when tracked. */
    String nativeMemory;
    private List<SessionTimes> counted = List.of();
    private List<SessionTimes> promptedInWindow = List.of();
    private List<SessionTimes> requestedInWindow = List.of();
    private long startedInWindow;
    private long givenUpInWindow;
    private Duration window;

    BenchReport(BenchSettings settings) {
        this.settings = settings;
    }

    /** The sessions of the back-to-back phase; those that ended inside the window count. */
    void backToBack(List<SessionTimes> sessions, long windowStart, long windowEnd) {
        window = Duration.ofNanos(windowEnd - windowStart);
        counted = sessions.stream().filter(SessionTimes::complete)
                .filter(times -> times.vehicleLeft >= windowStart && times.vehicleLeft < windowEnd).toList();
        promptedInWindow = sessions.stream().filter(times -> times.promptDelay().isPresent()
                && times.detectionDelay().isPresent() && times.prompted >= windowStart && times.prompted < windowEnd)
                .toList();
        requestedInWindow = sessions.stream().filter(times -> times.chargingDelay().isPresent()
                && times.contactorReference().isPresent() && times.requested >= windowStart
                && times.requested < windowEnd).toList();
        startedInWindow = sessions.stream().filter(times -> times.plugged >= windowStart && times.plugged < windowEnd)
                .count();
        givenUpInWindow = sessions.stream().filter(times -> times.abandonedAt != null)
                .filter(times -> times.plugged < windowEnd && times.plugged >= windowStart).count();
    }

    double sessionsPerMinute() {
        return counted.size() * 60.0 / (window.toNanos() / 1e9);
    }

    String backToBackSummary() {
        return String.format(Locale.ROOT, "%d complete sessions in %d s, %.0f per minute; %s", counted.size(),
                window.toSeconds(), sessionsPerMinute(), backToBackUsage);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "## Run of %s: %d piles%n%n", started, settings.piles()));
        out.append("- Commit ").append(settings.commit()).append("; ").append(machine())
                .append("; load average (1 / 5 / 15 min) at the start ").append(loadAverageAtStart).append(".\n");
        out.append(String.format(Locale.ROOT, "- Processes, none in another's JVM: (1) the gateway, the built"
                + " distribution started with `bin/karaf daemon`, %s, embedded H2, configured as shipped"
                + " but for its ports and `enabled = false` in etc/org.pilegate.sim.cfg, its piles one row each in"
                + " etc/pilegate-piles.csv; (2) the simulated depot (`StandaloneSimulator`), %d piles, %d"
                + " per Modbus TCP port; (3) the load: %d terminals on the gateway's WebSocket, the depot's control"
                + " channel, and j2mod for the reference (B).%n", gatewayJavaOptions, settings.piles(),
                settings.pilesPerPort(), settings.piles()));
        out.append(String.format(Locale.ROOT, "- Start: the gateway logged \"pilegate ready in %d ms\"; every pile"
                + " AVAILABLE with its devices answering (/metrics) %.1f s after its JVM started. Relay poll interval"
                + " %d ms (as the drivers logged it), status interval 5000 ms (shipped).%n", readyMillis,
                depotReady.toMillis() / 1000.0, relayPollMillis));
        out.append(String.format(Locale.ROOT, "- Setup through the gateway's Karaf shell (SSH): %d accounts, vehicles,"
                + " wallet top-ups and terminals in %.1f s; the %d terminals connected and authenticated in %.1f s.%n%n",
                settings.piles(), registered.toMillis() / 1000.0, settings.piles(), connected.toMillis() / 1000.0));

        out.append("### (A) and (B), paced as in LATENCY.md\n\n");
        out.append(String.format(Locale.ROOT, "After a warm-up round on %d piles, vehicles plugged at a steady %.1f"
                + " per second (all %d over %d s, shuffled); then, at the same pace, each pile's reference close and"
                + " open followed by its charging request; then the stops; each terminal pays its fee notice and the"
                + " vehicle leaves once the session is PAID.%n%n", Math.min(10, settings.piles()),
                settings.piles() / (double) pacingWindow.toSeconds(), settings.piles(), pacingWindow.toSeconds()));
        latencyTable(out, paced);
        out.append(String.format(Locale.ROOT, "%nOverhead: per pile, the measure minus its own reference (for (A) the"
                + " same plug, for (B) the same pile just before its request), then its percentile over the piles."
                + " Complete sessions: %d of %d. %s%n%n", paced.stream().filter(SessionTimes::complete).count(),
                paced.size(), tally(pacedTally)));

        out.append("### Sessions back to back\n\n");
        out.append(String.format(Locale.ROOT, "Every pile runs complete sessions one after the other: plug →"
                + " association_prompt → association_request → PENDING → reference close → charging_request →"
                + " CHARGING → %d s of charging → stop_request → FINISHED → fee_notice → payment_confirmation → PAID"
                + " → unplug → the gateway's relay poll sees the vehicle leave → the next vehicle plugs in within one"
                + " relay poll interval (uniformly, so as not to fall in step with the polls). First plugs spread over"
                + " 10 s, %d s of warm-up, then %d s counted: a session counts when its vehicle is seen leaving inside"
                + " the window. Refusals and stalls below: from the window's start until every session under way at"
                + " its end is over (with a recording, that is 60 s later).%n%n", settings.chargeFor().toSeconds(), settings.warmUp().toSeconds(),
                window.toSeconds()));
        out.append("| | |\n|---|--:|\n");
        out.append(String.format(Locale.ROOT, "| complete sessions in %d s | %d |%n", window.toSeconds(),
                counted.size()));
        out.append(String.format(Locale.ROOT, "| **complete sessions per minute** | **%.0f** |%n",
                sessionsPerMinute()));
        out.append(String.format(Locale.ROOT, "| sessions begun in the window / given up | %d / %d |%n",
                startedInWindow, givenUpInWindow));
        if (!counted.isEmpty()) {
            Latencies cycle = Latencies.of(counted, times -> times.vehicleLeft - times.plugged);
            out.append(String.format(Locale.ROOT, "| one session, plug → seen leaving, p50 / p99 s | %.2f / %.2f |%n",
                    cycle.percentileMillis(50) / 1000, cycle.percentileMillis(99) / 1000));
            Latencies payment = Latencies.of(counted, times -> times.paid - times.stopRequested);
            out.append(String.format(Locale.ROOT, "| stop_request → PAID (FINISHED, fee, payment), p50 / p99 ms |"
                    + " %.1f / %.1f |%n", payment.percentileMillis(50), payment.percentileMillis(99)));
        }
        out.append("| the store's commits / flushes in the window (commits per flush) | "
                + storeAfter.commitsSince(storeBefore) + " |\n");
        out.append("| the store's file at the end of the window | " + storeAfter.file() + " |\n");
        out.append("\n");
        latencyTable(out, promptedInWindow, requestedInWindow);
        out.append("\n").append(tally(backToBackTally)).append("\n\n");

        out.append("### What the processes used\n\n");
        out.append("| | idle: every pile available, terminals connected | paced round | back to back (counted"
                + " window) |\n|---|--:|--:|--:|\n");
        usageRow(out, "gateway CPU, cores", usage -> String.format(Locale.ROOT, "%.2f", usage.gatewayCores()));
        usageRow(out, "gateway RSS at the end / largest, MiB", usage -> String.format(Locale.ROOT, "%.0f / %.0f",
                usage.gatewayRssMib(), usage.gatewayMaxRssMib()));
        usageRow(out, "gateway threads, most", usage -> Integer.toString(usage.gatewayMaxThreads()));
        usageRow(out, "simulated depot CPU, cores", usage -> String.format(Locale.ROOT, "%.2f", usage.depotCores()));
        usageRow(out, "load (terminals) CPU, cores", usage -> String.format(Locale.ROOT, "%.2f", usage.loadCores()));
        usageRow(out, "load average at the end (1 / 5 / 15 min)", Usage::loadAverage);
        out.append("\nThe gateway's CPU by group of threads (cores, user + system; from /proc, so system calls, the JIT"
                + " compiler and the collector count too), the groups busiest back to back:\n\n| threads | idle | paced"
                + " round | back to back |\n|---|--:|--:|--:|\n");
        for (String group : backToBackUsage.busiestThreads(BUSIEST_THREAD_GROUPS)) {
            usageRow(out, "`" + group + "`", usage -> threadShare(usage, group));
        }
        out.append("\n");

        out.append("### Against the targets (set for 2,000 piles)\n\n| target | measured | |\n|---|---|---|\n");
        double pacedB = p99(paced, SessionTimes::chargingDelay);
        double loadedB = p99(requestedInWindow, SessionTimes::chargingDelay);
        target(out, "(B) p99 ≤ " + TARGET_B_P99_MS + " ms", String.format(Locale.ROOT, "paced %.1f ms; back to back"
                + " %.1f ms", pacedB, loadedB), pacedB <= TARGET_B_P99_MS);
        double pacedA = p99(paced, BenchReport::promptOverhead);
        double loadedA = p99(promptedInWindow, BenchReport::promptOverhead);
        target(out, "(A) overhead p99 ≤ " + TARGET_A_OVERHEAD_P99_MS + " ms", String.format(Locale.ROOT,
                "paced %.1f ms; back to back %.1f ms", pacedA, loadedA), pacedA <= TARGET_A_OVERHEAD_P99_MS);
        target(out, "≥ " + TARGET_SESSIONS_PER_MINUTE + " complete sessions per minute", String.format(Locale.ROOT,
                "%.0f", sessionsPerMinute()), sessionsPerMinute() >= TARGET_SESSIONS_PER_MINUTE);
        double largestRss = Math.max(idle.gatewayMaxRssMib(), Math.max(pacedUsage.gatewayMaxRssMib(),
                backToBackUsage.gatewayMaxRssMib())) * 1.048576;
        target(out, "gateway RSS ≤ " + TARGET_RSS_MB + " MB", String.format(Locale.ROOT, "largest %.0f MB", largestRss),
                largestRss <= TARGET_RSS_MB);
        out.append("\n");
        if (nativeMemory != null) {
            nativeMemoryTable(out);
        }
        if (liveHeap != null) {
            liveHeapTable(out);
        }
        if (profile != null) {
            out.append(String.format(Locale.ROOT, "### Profile: the gateway's JVM back to back, %d s right after the"
                    + " counted window%n%n", settings.jfr().toSeconds()));
            out.append(profile);
        }
        if (idleProfile != null) {
            out.append(String.format(Locale.ROOT, "### Profile: the gateway's JVM idle, %d s right after the idle"
                    + " figures%n%n", settings.idle().toSeconds()));
            out.append(idleProfile);
        }
        return out.toString();
    }

    /** What the gateway's memory is made of, from Native Memory Tracking; committed memory, largest first. */
    private void nativeMemoryTable(StringBuilder out) {
        Matcher total = Pattern.compile("(?m)^Total: reserved=(\\d+)MB, committed=(\\d+)MB").matcher(nativeMemory);
        out.append("### The gateway's memory by JVM category (Native Memory Tracking, end of the counted window)\n\n");
        if (!total.find()) {
            out.append("Native Memory Tracking gave no summary:\n\n```\n").append(nativeMemory).append("\n```\n\n");
            return;
        }
        out.append(String.format(Locale.ROOT, "Committed in all %s MB (the RSS counts only the committed pages"
                + " touched).%n%n| category | committed MB |%n|---|--:|%n", total.group(2)));
        Matcher category = Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=(\\d+)MB, committed=(\\d+)MB\\)")
                .matcher(nativeMemory);
        Map<String, Integer> committed = new LinkedHashMap<>();
        while (category.find()) {
            committed.put(category.group(1).trim(), Integer.parseInt(category.group(3)));
        }
        committed.entrySet().stream().filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> out.append("| ").append(entry.getKey()).append(" | ").append(entry.getValue())
                        .append(" |\n"));
        out.append('\n');
    }

    /** The live set of the idle gateway and its largest classes, from the class histogram. */
    private void liveHeapTable(StringBuilder out) {
        Matcher total = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(liveHeap);
        out.append("### The idle gateway's live heap (`jcmd GC.class_histogram`, after a full collection)\n\n");
        if (!total.find()) {
            out.append("No histogram:\n\n```\n").append(liveHeap).append("\n```\n\n");
            return;
        }
        out.append(String.format(Locale.ROOT, "%.0f MiB in %s objects alive. The largest classes:%n%n| class |"
                + " objects | MiB |%n|---|--:|--:|%n", Long.parseLong(total.group(2)) / 1048576.0, total.group(1)));
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(liveHeap);
        for (int rows = 0; rows < 15 && row.find(); rows++) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f |%n", row.group(3), row.group(1),
                    Long.parseLong(row.group(2)) / 1048576.0));
        }
        out.append('\n');
    }

    static void append(Path results, String section) throws IOException {
        Files.writeString(results, "\n" + section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String threadShare(Usage usage, String group) {
        ThreadCpu.Share share = usage.gatewayThreads().get(group);
        return share == null ? "–" : String.format(Locale.ROOT, "%.2f + %.2f", share.user(), share.system());
    }

    private void usageRow(StringBuilder out, String what, Function<Usage, String> cell) {
        out.append("| ").append(what).append(" | ").append(cell.apply(idle)).append(" | ")
                .append(cell.apply(pacedUsage)).append(" | ").append(cell.apply(backToBackUsage)).append(" |\n");
    }

    private static void target(StringBuilder out, String target, String measured, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(met ? "met" : "**missed**")
                .append(" |\n");
    }

    private static void latencyTable(StringBuilder out, List<SessionTimes> sessions) {
        latencyTable(out, sessions.stream().filter(times -> times.promptDelay().isPresent()
                && times.detectionDelay().isPresent()).toList(), sessions.stream()
                .filter(times -> times.chargingDelay().isPresent() && times.contactorReference().isPresent()).toList());
    }

    private static void latencyTable(StringBuilder out, List<SessionTimes> prompted, List<SessionTimes> requested) {
        out.append("| measure | count | min ms | p50 ms | p99 ms | max ms | reference p50 / p99 ms | overhead p50 / p99"
                + " ms |\n|---|--:|--:|--:|--:|--:|--:|--:|\n");
        row(out, "(A) plug → association_prompt at the terminal", prompted, SessionTimes::promptDelay,
                SessionTimes::detectionDelay, BenchReport::promptOverhead);
        row(out, "(B) charging_request → status CHARGING at the terminal", requested, SessionTimes::chargingDelay,
                SessionTimes::contactorReference, BenchReport::chargingOverhead);
        row(out, "reference (A): plug → the relay answers the gateway's poll with the vehicle", prompted,
                SessionTimes::detectionDelay, null, null);
        row(out, "reference (B): j2mod close and read-back of the contactor, same pile, just before", requested,
                SessionTimes::contactorReference, null, null);
    }

    private static void row(StringBuilder out, String measure, List<SessionTimes> sessions,
            Function<SessionTimes, OptionalLong> value, Function<SessionTimes, OptionalLong> reference,
            Function<SessionTimes, OptionalLong> overhead) {
        if (sessions.isEmpty()) {
            out.append("| ").append(measure).append(" | 0 | – | – | – | – | – | – |\n");
            return;
        }
        Latencies latencies = Latencies.of(sessions, times -> value.apply(times).getAsLong());
        out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f |", measure, latencies.count(),
                latencies.minMillis(), latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.maxMillis()));
        if (reference == null) {
            out.append(" – | – |\n");
            return;
        }
        Latencies floor = Latencies.of(sessions, times -> reference.apply(times).getAsLong());
        Latencies added = Latencies.of(sessions, times -> overhead.apply(times).getAsLong());
        out.append(String.format(Locale.ROOT, " %.1f / %.1f | %.1f / %.1f |%n", floor.percentileMillis(50),
                floor.percentileMillis(99), added.percentileMillis(50), added.percentileMillis(99)));
    }

    private static OptionalLong promptOverhead(SessionTimes times) {
        return times.promptDelay().isPresent() && times.detectionDelay().isPresent()
                ? OptionalLong.of(times.promptDelay().getAsLong() - times.detectionDelay().getAsLong())
                : OptionalLong.empty();
    }

    private static OptionalLong chargingOverhead(SessionTimes times) {
        return times.chargingDelay().isPresent() && times.contactorReference().isPresent()
                ? OptionalLong.of(times.chargingDelay().getAsLong() - times.contactorReference().getAsLong())
                : OptionalLong.empty();
    }

    private static double p99(List<SessionTimes> sessions, Function<SessionTimes, OptionalLong> value) {
        List<SessionTimes> measured = sessions.stream().filter(times -> value.apply(times).isPresent()).toList();
        return measured.isEmpty() ? Double.NaN
                : Latencies.of(measured, times -> value.apply(times).getAsLong()).percentileMillis(99);
    }

    private static String tally(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "No refusal, no closed connection, no stalled session.";
        }
        return "Out of the ordinary: " + counts.entrySet().stream().map(entry -> entry.getKey() + " × "
                + entry.getValue()).collect(Collectors.joining("; ")) + ".";
    }

    /** CPU model and cores as /proc/cpuinfo names them, memory, the JVM. */
    static String machine() {
        List<String> cpus = lines("/proc/cpuinfo");
        String model = cpus.stream().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        long cores = cpus.stream().filter(line -> line.startsWith("processor")).count();
        long memoryKib = lines("/proc/meminfo").stream().filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(0);
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB RAM; Java %s (%s)", model, cores,
                memoryKib / (double) (1 << 20), System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException notLinux) {
            return List.of();
        }
    }
}
