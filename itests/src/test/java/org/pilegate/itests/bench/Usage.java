package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the three processes used over one phase of a run: the gateway's CPU, resident memory (largest seen, sampled
 * every second) and threads (most seen), its CPU by group of threads, the simulated depot's and the load's CPU, and
 * the machine's load average at the end.
 */
record Usage(double gatewayCores, double gatewayRssMib, double gatewayMaxRssMib, int gatewayMaxThreads,
        Map<String, ThreadCpu.Share> gatewayThreads, double depotCores, double loadCores, String loadAverage) {

    /** The groups of the gateway's threads that used the most CPU, most first. */
    List<String> busiestThreads(int count) {
        return gatewayThreads.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, ThreadCpu.Share> group) -> group.getValue()
                        .total()).reversed())
                .limit(count).map(Map.Entry::getKey).toList();
    }

    /** The figures for the log, the five busiest groups of threads among them. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "gateway %.2f cores (busiest threads: %s), RSS %.0f MiB (largest %.0f),"
                + " %d threads at most; depot %.2f cores; load %.2f cores; load average %s", gatewayCores,
                busiestThreads(5).stream().map(group -> String.format(Locale.ROOT, "%s %.2f", group,
                        gatewayThreads.get(group).total())).collect(Collectors.joining(", ")),
                gatewayRssMib, gatewayMaxRssMib, gatewayMaxThreads, depotCores, loadCores, loadAverage);
    }

    /** Watches the three processes from now until {@link Meter#stop()}. */
    static Meter start(ScheduledExecutorService timer, long gateway, long depot) {
        return new Meter(timer, gateway, depot);
    }

    /** The one-, five- and fifteen-minute load averages of the machine now. */
    static String machineLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException notLinux) {
            return "unknown";
        }
    }

    static final class Meter {

        private final long gateway;
        private final long depot;
        private final ProcessStats gatewayAtStart;
        private final ThreadCpu gatewayThreadsAtStart;
        private final ProcessStats depotAtStart;
        private final ProcessStats loadAtStart;
        private final ScheduledFuture<?> sampling;
        private long maxRssKib; // guarded by this
        private int maxThreads; // guarded by this

        private Meter(ScheduledExecutorService timer, long gateway, long depot) {
            this.gateway = gateway;
            this.depot = depot;
            gatewayAtStart = ProcessStats.of(gateway);
            gatewayThreadsAtStart = ThreadCpu.of(gateway);
            depotAtStart = ProcessStats.of(depot);
            loadAtStart = ProcessStats.of(ProcessHandle.current().pid());
            sample(gatewayAtStart);
            sampling = timer.scheduleAtFixedRate(() -> sample(ProcessStats.of(gateway)), 1, 1, TimeUnit.SECONDS);
        }

        Usage stop() {
            sampling.cancel(false);
            ProcessStats gatewayNow = ProcessStats.of(gateway);
            Map<String, ThreadCpu.Share> threads = ThreadCpu.of(gateway).since(gatewayThreadsAtStart);
            sample(gatewayNow);
            synchronized (this) {
                return new Usage(gatewayNow.coresSince(gatewayAtStart), gatewayNow.rssMib(), maxRssKib / 1024.0,
                        maxThreads, threads, ProcessStats.of(depot).coresSince(depotAtStart),
                        ProcessStats.of(ProcessHandle.current().pid()).coresSince(loadAtStart), machineLoadAverage());
            }
        }

        private synchronized void sample(ProcessStats stats) {
            maxRssKib = Math.max(maxRssKib, stats.rssKib());
            maxThreads = Math.max(maxThreads, stats.threads());
        }
    }
}
