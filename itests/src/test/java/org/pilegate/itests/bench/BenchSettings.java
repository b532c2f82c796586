package org.pilegate.itests.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a run of the depot benchmark is set up: {@code key=value} arguments over the defaults in {@link #DEFAULTS}.
 *
 * @param piles piles of the depot, each with its driver and terminal
 * @param pilesPerPort piles behind one Modbus TCP port of the simulated depot, as the in-gateway simulator has them
 * @param basePort the simulated depot's first Modbus TCP port
 * @param httpPort the gateway's terminal API (and /metrics); away from the shipped 8181, so that a gateway or the
 *            integration tests on the same machine neither clash with the benchmark nor get measured by it
 * @param sshPort the gateway's Karaf shell, likewise away from the shipped 8101
 * @param heap the gateway's largest heap: {@code shipped} as bin/setenv has it, or another, -Xmx in its bin/setenv
 *            (with -Xms64m, so that it takes what it needs)
 * @param collector the gateway's garbage collector: {@code shipped} as bin/setenv names it, or another one by the
 *            name of its -XX:+Use…GC flag (e.g. {@code G1}), put in the shipped one's place
 * @param idle how long the idle gateway is watched, every pile available and nothing plugged
 * @param warmUp of the sessions back to back, before they count
 * @param measured of the sessions back to back, counted
 * @param chargeFor how long each back-to-back session charges before its driver stops it
 * @param jfr how long the gateway is recorded with Java Flight Recorder during the back-to-back sessions; zero: not
 * @param startJfr how long the gateway is recorded from its JVM's start, written to start.jfr in the work folder once
 *            every pile is available and that time has passed; zero: not
 * @param work the folder that holds the unpacked gateway, the logs and the recording
 * @param distribution the built distribution, a tar.gz
 * @param results the Markdown file each run's report is appended to
 * @param limit the whole run, setup included; past it the benchmark stops everything and fails
 * @param commit the commit of the sources the distribution was built from, as the report names it
 * @param nativeMemory whether the gateway tracks its native memory (-XX:NativeMemoryTracking=summary), so that the
 *            report can say what its resident memory is made of; off by default, as tracking costs a little
 */
record BenchSettings(int piles, int pilesPerPort, int basePort, int httpPort, int sshPort, String heap,
        String collector, Duration idle, Duration warmUp, Duration measured, Duration chargeFor, Duration jfr,
        Duration startJfr, Path work,
        Path distribution, Path results, Duration limit, String commit, boolean nativeMemory) {

    static final Map<String, String> DEFAULTS = defaults();

    static BenchSettings parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !DEFAULTS.containsKey(pair[0])) {
                throw new IllegalArgumentException("'" + arg + "' is not one of key=value with the keys and defaults "
                        + DEFAULTS);
            }
            options.put(pair[0], pair[1]);
        }
        if (Duration.ofSeconds(Long.parseLong(options.get("jfrSeconds")))
                .compareTo(Duration.ofSeconds(Long.parseLong(options.get("seconds")))) > 0) {
            throw new IllegalArgumentException("jfrSeconds must not be longer than the counted seconds");
        }
        if (options.get("distribution").isEmpty()) {
            throw new IllegalArgumentException("distribution=<the built karaf-assembly tar.gz> is missing");
        }
        int piles = Integer.parseInt(options.get("piles"));
        if (piles < 1 || piles > 10_000) {
            throw new IllegalArgumentException("piles must be 1..10000: " + piles);
        }
        return new BenchSettings(piles, Integer.parseInt(options.get("pilesPerPort")),
                Integer.parseInt(options.get("basePort")), Integer.parseInt(options.get("httpPort")),
                Integer.parseInt(options.get("sshPort")), options.get("heap"), options.get("collector"),
                seconds(options, "idleSeconds"),
                seconds(options, "warmUpSeconds"), seconds(options, "seconds"), seconds(options, "chargeSeconds"),
                seconds(options, "jfrSeconds"), seconds(options, "startJfrSeconds"),
                Path.of(options.get("work")).toAbsolutePath(),
                Path.of(options.get("distribution")).toAbsolutePath(), Path.of(options.get("results")).toAbsolutePath(),
                Duration.ofMinutes(Long.parseLong(options.get("limitMinutes"))), options.get("commit"),
                Boolean.parseBoolean(options.get("nativeMemory")));
    }

    /** Modbus TCP ports the simulated depot listens on. */
    int ports() {
        return (piles + pilesPerPort - 1) / pilesPerPort;
    }

    private static Duration seconds(Map<String, String> options, String key) {
        return Duration.ofSeconds(Long.parseLong(options.get(key)));
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("piles", "20");
        defaults.put("pilesPerPort", "10");
        defaults.put("basePort", "21020");
        defaults.put("httpPort", "18181");
        defaults.put("sshPort", "18101");
        defaults.put("heap", "shipped");
        defaults.put("collector", "shipped");
        defaults.put("idleSeconds", "30");
        defaults.put("warmUpSeconds", "30");
        defaults.put("seconds", "120");
        defaults.put("chargeSeconds", "2");
        defaults.put("jfrSeconds", "0");
        defaults.put("startJfrSeconds", "0");
        defaults.put("work", "target/depot-bench");
        defaults.put("distribution", "");
        defaults.put("results", "BENCHMARK.md");
        defaults.put("limitMinutes", "60");
        defaults.put("commit", "unknown");
        defaults.put("nativeMemory", "false");
        return Collections.unmodifiableMap(defaults);
    }
}
