package org.pilegate.sim.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.pilegate.device.profile.ProfileCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a simulated depot outside OSGi until killed: for benchmarks, and for gateways under test elsewhere.
 * Arguments are {@code key=value} pairs overriding the defaults in {@link #DEFAULTS}. From the repository root,
 * after {@code mvn -B -o install -pl device-drivers/simulator -am}:
 *
 * <pre>
 * mvn -B -o -q -f device-drivers/simulator dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp device-drivers/simulator/target/classes:$(cat device-drivers/simulator/target/classpath.txt) \
 *     org.pilegate.sim.internal.StandaloneSimulator piles=2000 basePort=15020
 * </pre>
 *
 * The class path includes the test scope for its SLF4J binding. With {@code controlPort=<port>} (0: a free one) another
 * process plugs and unplugs vehicles through a {@link ControlChannel} on that port of the loopback address.
 */
public final class StandaloneSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneSimulator.class);
    private static final Map<String, String> DEFAULTS = defaults();
    /** The option that opens a control channel; none without it. */
    private static final String CONTROL_PORT = "controlPort";

    private StandaloneSimulator() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                LOG.error("Argument '{}' is not key=value; the keys and their defaults: {}, and {} (none)", arg,
                        DEFAULTS, CONTROL_PORT);
                System.exit(2);
            }
            options.put(pair[0], pair[1]);
        }
        String controlPort = options.remove(CONTROL_PORT);
        Simulation simulation;
        try {
            simulation = start(options);
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulation::close, "pilegate-sim-shutdown"));
        if (controlPort != null) {
            ControlChannel control = ControlChannel.open(simulation, Integer.parseInt(controlPort));
            Runtime.getRuntime().addShutdownHook(new Thread(control::close, "pilegate-sim-control-shutdown"));
        }
        LOG.info("Running with {}; stop with Ctrl-C", options);
        new CountDownLatch(1).await();
    }

    /**
     * Starts a depot in this JVM; closing it stops it.
     *
     * @param overrides values for keys of {@link #DEFAULTS}
     * @throws IllegalArgumentException for a key not among the defaults
     */
    public static Simulation start(Map<String, String> overrides) throws IOException {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        overrides.forEach((key, value) -> {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException(
                        "Unknown option '" + key + "'; the keys and their defaults: " + DEFAULTS);
            }
            options.put(key, value);
        });
        ProfileCatalog profiles = new ProfileCatalog(List.of(Path.of(options.get("profiles"))));
        return Simulation.start(new SimulatorSettings(options.get("host"),
                Integer.parseInt(options.get("basePort")), Integer.parseInt(options.get("piles")),
                Integer.parseInt(options.get("pilesPerPort")), profiles.meter(options.get("meterProfile")),
                profiles.relay(options.get("relayProfile")), Duration.ofMillis(Long.parseLong(options.get("tickMs"))),
                Boolean.parseBoolean(options.get("autoPlug")), Depot.ROTATED, Optional.empty(), Duration.ofDays(1),
                Double.parseDouble(options.get("chaosPercent")) / 100));
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("host", "127.0.0.1");
        defaults.put("basePort", "15020");
        defaults.put("piles", "2000");
        defaults.put("pilesPerPort", "100");
        defaults.put("meterProfile", "eastron-sdm630");
        defaults.put("relayProfile", "pilegate-generic-relay");
        defaults.put("profiles", "etc/profiles");
        defaults.put("tickMs", "200");
        defaults.put("autoPlug", "false");
        defaults.put("chaosPercent", "0");
        return Collections.unmodifiableMap(defaults);
    }
}
