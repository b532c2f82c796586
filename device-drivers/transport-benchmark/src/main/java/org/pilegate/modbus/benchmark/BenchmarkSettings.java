package org.pilegate.modbus.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerConfig.TcpClient;

/**
 * One run of the benchmark: the simulated depot and how long each phase lasts. Piles are laid out as the
 * simulator lays them out: pile {@code i} behind port {@code basePort + i / pilesPerPort}, its meter at unit
 * {@code 2k+1} and its relay at {@code 2k+2}, {@code k = i % pilesPerPort}.
 *
 * @param period how often every pile's meter is polled in the depot load
 * @param relayPeriod how often every pile's relay is polled in the depot load
 * @param loopWarmup warm-up of each single-connection loop
 * @param loopWindow measured time of each single-connection loop
 * @param depotWarmup warm-up of the depot load, once every pile's polls are scheduled
 * @param depotWindow measured time of the depot load
 * @param interTransactionDelayMillis the transport's quiet time between two transactions of one endpoint
 * @param clients the transport's TCP clients, in the order measured: a machine whose load changes during a run
 *            favours one, so runs in both orders tell the clients apart from the load
 * @param results file the report is appended to
 */
record BenchmarkSettings(String host, int piles, int pilesPerPort, int basePort, String meterProfile,
        String relayProfile, Duration period, Duration relayPeriod, Duration loopWarmup, Duration loopWindow,
        Duration depotWarmup, Duration depotWindow, int interTransactionDelayMillis, List<TcpClient> clients,
        Path results) {

    private static final Map<String, String> DEFAULTS = defaults();

    BenchmarkSettings {
        if (piles < 1 || pilesPerPort < 1) {
            throw new IllegalArgumentException("piles and pilesPerPort must be positive");
        }
        int lastPort = basePort + (piles - 1) / pilesPerPort;
        if (basePort < 1 || lastPort > 0xFFFF) {
            throw new IllegalArgumentException("ports " + basePort + ".." + lastPort + " are outside 1..65535");
        }
    }

    /**
     * Settings from {@code key=value} arguments over {@link #DEFAULTS}.
     *
     * @throws IllegalArgumentException naming the valid keys and their defaults
     */
    static BenchmarkSettings parse(String... args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !DEFAULTS.containsKey(pair[0])) {
                throw new IllegalArgumentException("Unknown argument '" + arg
                        + "'; arguments are key=value with these keys and defaults: " + DEFAULTS);
            }
            options.put(pair[0], pair[1]);
        }
        return new BenchmarkSettings(options.get("host"), integer(options, "piles"),
                integer(options, "pilesPerPort"), integer(options, "basePort"), options.get("meterProfile"),
                options.get("relayProfile"), Duration.ofMillis(integer(options, "periodMs")),
                Duration.ofMillis(integer(options, "relayPeriodMs")),
                seconds(options, "warmupSeconds"), seconds(options, "loopSeconds"),
                seconds(options, "depotWarmupSeconds"), seconds(options, "seconds"), integer(options, "delayMs"),
                clients(options.get("clients")), Path.of(options.get("results")));
    }

    int ports() {
        return (piles + pilesPerPort - 1) / pilesPerPort;
    }

    TcpEndpoint endpoint(int pile) {
        return new TcpEndpoint(host, basePort + pile / pilesPerPort);
    }

    int meterUnitId(int pile) {
        return 2 * (pile % pilesPerPort) + 1;
    }

    int relayUnitId(int pile) {
        return meterUnitId(pile) + 1;
    }

    private static int integer(Map<String, String> options, String key) {
        try {
            return Integer.parseInt(options.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + options.get(key) + "'", e);
        }
    }

    private static List<TcpClient> clients(String names) {
        try {
            return Arrays.stream(names.split(",")).map(String::strip).map(TcpClient::valueOf).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clients must be a comma-separated list of "
                    + Arrays.toString(TcpClient.values()) + ", was '" + names + "'", e);
        }
    }

    private static Duration seconds(Map<String, String> options, String key) {
        return Duration.ofSeconds(integer(options, key));
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("host", "127.0.0.1");
        defaults.put("piles", "2000");
        defaults.put("pilesPerPort", "100");
        // clear of the 15020 a running gateway's own simulator listens on
        defaults.put("basePort", "25020");
        defaults.put("meterProfile", "eastron-sdm630");
        defaults.put("relayProfile", "pilegate-generic-relay");
        // as the drivers poll: meters every second, relays, which see plugs and contactors, twice as often
        defaults.put("periodMs", "1000");
        defaults.put("relayPeriodMs", "500");
        defaults.put("warmupSeconds", "2");
        defaults.put("loopSeconds", "10");
        defaults.put("depotWarmupSeconds", "4");
        defaults.put("seconds", "30");
        // the reference client waits for nothing between requests; see RESULTS.md for the transport's 20 ms default
        defaults.put("delayMs", "0");
        defaults.put("clients", "NETTY,J2MOD");
        defaults.put("results", "RESULTS.md");
        return Collections.unmodifiableMap(defaults);
    }
}
