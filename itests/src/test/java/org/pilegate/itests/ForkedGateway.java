package org.pilegate.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The built distribution unpacked and run as its own process, as an operator runs it, so that a test can kill it
 * with SIGKILL and start it again on the same folder. Commands reach it through Karaf's SSH client.
 */
final class ForkedGateway implements AutoCloseable {

    private static final Duration SHELL_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int sshPort;
    private final String adminPassword = secret();
    private Process process;
    private int starts;

    private ForkedGateway(Path home, int sshPort) {
        this.home = home;
        this.sshPort = sshPort;
    }

    /**
     * Unpacks the distribution into {@code folder} (emptied first) and configures it: ports as the other integration
     * tests use them, the embedded simulator off, and {@code etc} files as given (file name → content).
     */
    static ForkedGateway unpack(Path folder, Map<String, String> etc) throws Exception {
        return unpack(folder, etc, 0);
    }

    /**
     * The {@code etc} files of one Modbus pile on the simulated depot's {@code port}: its meter (unit 1, polled every
     * 500 ms), its relay (unit 2) and the pile joining them, each named after {@code pile}.
     */
    static Map<String, String> modbusPile(String pile, int port) {
        return Map.of(
                "org.pilegate.meter.modbus-" + pile + ".cfg", "id = " + pile + ".meter\nhost = 127.0.0.1\nport = "
                        + port + "\nunitId = 1\nprofile = eastron-sdm630\npollIntervalMs = 500\n",
                "org.pilegate.relay.modbus-" + pile + ".cfg", "id = " + pile + ".relay\nhost = 127.0.0.1\nport = "
                        + port + "\nunitId = 2\nprofile = pilegate-generic-relay\n",
                "org.pilegate.pile-" + pile + ".cfg", "id = " + pile + "\nmeter = " + pile + ".meter\nrelay = "
                        + pile + ".relay\n");
    }

    /**
     * As {@link #unpack(Path, Map)}, its listening ports (HTTP, HTTPS, SSH, OPC UA) moved by {@code portOffset}, so
     * that two gateways run side by side.
     */
    static ForkedGateway unpack(Path folder, Map<String, String> etc, int portOffset) throws Exception {
        if (Files.exists(folder)) {
            run(List.of("rm", "-rf", folder.toString()), folder.getParent());
        }
        Files.createDirectories(folder);
        Path distribution = Path.of(System.getProperty("maven.repo.local"), "org", "pilegate", "karaf-assembly",
                System.getProperty("pilegate.version"),
                "karaf-assembly-" + System.getProperty("pilegate.version") + ".tar.gz");
        run(List.of("tar", "xzf", distribution.toString(), "-C", folder.toString(), "--strip-components=1"), folder);
        ForkedGateway gateway = new ForkedGateway(folder, PilegateDistribution.SSH_PORT + portOffset);
        gateway.set("org.pilegate.routing.cfg", "port", Integer.toString(PilegateDistribution.HTTP_PORT + portOffset));
        gateway.set("org.pilegate.routing.cfg", "tlsPort", Integer.toString(PilegateDistribution.TLS_PORT
                + portOffset));
        gateway.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(gateway.sshPort));
        if (portOffset != 0) {
            gateway.set("org.pilegate.opcua.cfg", "port", Integer.toString(4840 + portOffset));
        }
        gateway.set("org.pilegate.sim.cfg", "enabled", "false");
        gateway.set("org.pilegate.sim.ocpp.cfg", "count", "0");
        for (Map.Entry<String, String> file : etc.entrySet()) {
            Files.writeString(folder.resolve("etc").resolve(file.getKey()), file.getValue());
        }
        return gateway;
    }

    /**
     * Starts the gateway and waits until it logged that it is ready; its output goes to {@code <folder>-<n>.out}
     * beside the folder.
     */
    void start(Duration timeout) throws Exception {
        starts++;
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "daemon").directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolveSibling(home.getFileName() + "-" + starts + ".out").toFile());
        builder.environment().put("PILEGATE_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
        Path log = home.resolve("data/log/karaf.log");
        Instant deadline = Instant.now().plus(timeout);
        while (readyLines(log) < starts) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("the gateway in " + home + " did not get ready (start " + starts + ")");
            }
            Thread.sleep(200);
        }
    }

    private static long readyLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("pilegate ready")).count();
        }
    }

    /** SIGKILL to the gateway's JVM: no shutdown hook, no bundle stops, nothing flushed. */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** The gateway JVM's threads now, from Linux's /proc. */
    int threads() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(jvm().pid()), "status")).stream()
                .filter(line -> line.startsWith("Threads:"))
                .mapToInt(line -> Integer.parseInt(line.replaceAll("\\D", ""))).findFirst().orElseThrow();
    }

    /** The gateway JVM's threads by pool: their names without the number at the end ({@code jcmd Thread.print}). */
    Map<String, Integer> threadsByPool() throws Exception {
        Matcher name = Pattern.compile("(?m)^\"(.*?)\"").matcher(jcmd("Thread.print"));
        Map<String, Integer> pools = new TreeMap<>();
        while (name.find()) {
            pools.merge(name.group(1).replaceAll("[-#\\s]*\\d+$", ""), 1, Integer::sum);
        }
        return pools;
    }

    /** The operator's password the gateway was started with. */
    String adminPassword() {
        return adminPassword;
    }

    /** The gateway's heap in use right after a full collection, in KiB ({@code jcmd GC.run}, then GC.heap_info). */
    long heapAfterFullCollectionKib() throws Exception {
        jcmd("GC.run");
        // G1 prints one heap; the serial collector (as shipped) a young and an old generation: add them up
        Matcher used = Pattern.compile("(?m)^ \\S.* total \\d+K, used (\\d+)K").matcher(jcmd("GC.heap_info"));
        long kib = 0;
        boolean found = false;
        while (used.find()) {
            kib += Long.parseLong(used.group(1));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("GC.heap_info shows no heap in use");
        }
        return kib;
    }

    private String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(jvm().pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    /** The gateway's JVM: bin/karaf daemon starts java, perhaps under a wrapper. */
    private ProcessHandle jvm() {
        return KarafJvm.of(process).orElseThrow(() -> new IllegalStateException("no Karaf JVM under bin/karaf"));
    }

    /** Runs shell commands one after the other in one SSH session (retrying while the shell starts). */
    String shell(String... commands) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/client", "-a", Integer.toString(sshPort),
                "-u", "admin", "-p", adminPassword, "-r", "60", "-d", "1", "-b").directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        client.getOutputStream().write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(SHELL_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || client.exitValue() != 0) {
            throw new AssertionError("shell " + List.of(commands) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    private void set(String file, String key, String value) throws IOException {
        Path path = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(path) ? Files.readAllLines(path) : List.of();
        String kept = lines.stream().filter(line -> !line.matches("\\s*" + key.replace(".", "\\.") + "\\s*=.*"))
                .collect(Collectors.joining("\n"));
        Files.writeString(path, kept + "\n" + key + " = " + value + "\n");
    }

    private static String secret() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void run(List<String> command, Path directory) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed with exit code " + process.exitValue());
        }
    }
}
