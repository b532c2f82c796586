package org.pilegate.itests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.pilegate.itests.KarafJvm;

/**
 * Process 1: the built distribution unpacked and started with {@code bin/karaf daemon}, as an operator runs it: its
 * own JVM, configured through {@code etc/} and {@code bin/setenv} alone. Commands reach it through Karaf's SSH
 * client, figures through its {@code /metrics}.
 */
final class GatewayProcess implements AutoCloseable {

    /** The collector bin/setenv ships, replaced when the benchmark is asked for another. */
    private static final String SHIPPED_COLLECTOR = "-XX:+UseParallelGC";

    private static final Pattern READY = Pattern.compile("pilegate ready in (\\d+) ms");
    private static final Pattern RELAY_POLL = Pattern.compile("Relay \\S+ drives unit .* polled every (\\d+) ms");

    private final Path home;
    private final BenchSettings settings;
    private final String adminPassword = secret();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private ProcessHandle jvm;

    private GatewayProcess(Path home, BenchSettings settings) {
        this.home = home;
        this.settings = settings;
    }

    /**
     * Unpacks the distribution into the work folder and configures it: ports on the loopback address, the gateway's
     * own simulator off, {@code heap} in bin/setenv, and the {@code etc} files given (name → content).
     */
    static GatewayProcess unpack(BenchSettings settings, Map<String, String> etc) throws Exception {
        Path home = settings.work().resolve("gateway");
        if (Files.exists(home)) {
            run(List.of("rm", "-rf", home.toString()), settings.work());
        }
        Files.createDirectories(home);
        run(List.of("tar", "xzf", settings.distribution().toString(), "-C", home.toString(),
                "--strip-components=1"), home);
        GatewayProcess gateway = new GatewayProcess(home, settings);
        gateway.set("org.pilegate.routing.cfg", "host", "127.0.0.1");
        gateway.set("org.pilegate.routing.cfg", "port", Integer.toString(settings.httpPort()));
        gateway.set("org.pilegate.routing.cfg", "tlsHost", "127.0.0.1");
        gateway.set("org.pilegate.routing.cfg", "tlsPort", Integer.toString(DepotProcess.freePort()));
        gateway.set("org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1");
        gateway.set("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(settings.sshPort()));
        gateway.set("org.pilegate.opcua.cfg", "bindAddress", "127.0.0.1");
        gateway.set("org.pilegate.opcua.cfg", "port", Integer.toString(DepotProcess.freePort()));
        gateway.set("org.pilegate.sim.cfg", "enabled", "false");
        gateway.set("org.pilegate.sim.ocpp.cfg", "count", "0");
        for (Map.Entry<String, String> file : etc.entrySet()) {
            Files.writeString(home.resolve("etc").resolve(file.getKey()), file.getValue());
        }
        Path setenv = home.resolve("bin/setenv");
        String shipped = Files.readString(setenv);
        if (!settings.collector().equals("shipped")) {
            if (!shipped.contains(SHIPPED_COLLECTOR)) {
                throw new IllegalStateException("bin/setenv no longer names " + SHIPPED_COLLECTOR + " to replace");
            }
            shipped = shipped.replace(SHIPPED_COLLECTOR, "-XX:+Use" + settings.collector() + "GC");
        }
        // the collections in a log of their own, to set the requests' times against; one per process, as the
        // shell's client runs with the same settings
        Files.writeString(setenv, shipped + "\n# depot benchmark: the gateway's heap\nexport EXTRA_JAVA_OPTS=\""
                + gateway.javaOptions() + " -Xlog:gc:file=" + settings.work().resolve("gc-%p.log")
                + ":time,uptime\"\n");
        return gateway;
    }

    /** What the report says of the gateway's JVM settings: bin/setenv as shipped, or what the run changed in it. */
    String describeJavaOptions() {
        List<String> changes = new ArrayList<>();
        if (!javaOptions().isEmpty()) {
            changes.add("`" + javaOptions() + "` added");
        }
        if (!settings.collector().equals("shipped")) {
            changes.add("-XX:+Use" + settings.collector() + "GC in place of " + SHIPPED_COLLECTOR);
        }
        return changes.isEmpty() ? "bin/setenv as shipped" : "bin/setenv with " + String.join(" and ", changes);
    }

    /** The heap as shipped, or another largest one (from 64 MB, so that it takes what it needs). */
    String javaOptions() {
        List<String> options = new ArrayList<>();
        if (!settings.heap().equals("shipped")) {
            options.add("-Xms64m -Xmx" + settings.heap());
        }
        if (settings.nativeMemory()) {
            options.add("-XX:NativeMemoryTracking=summary");
        }
        if (!settings.startJfr().isZero()) {
            // no file: the shell's client, started with the same options, keeps its recording to itself
            options.add("-XX:StartFlightRecording=settings=profile,duration=" + settings.startJfr().toSeconds() + "s");
        }
        return String.join(" ", options);
    }

    /** Writes the recording begun at the JVM's start ({@code startJfrSeconds}) to start.jfr in the work folder. */
    Path dumpStartRecording() throws Exception {
        Path file = settings.work().resolve("start.jfr");
        String output = jcmd("JFR.dump", "name=1", "filename=" + file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("JFR.dump wrote no " + file + ": " + output);
        }
        return file;
    }

    /** Starts the gateway; returns once its JVM runs (not once it is ready). */
    void start() throws IOException {
        DepotProcess.checkFree(settings.httpPort());
        DepotProcess.checkFree(settings.sshPort());
        ProcessBuilder builder = new ProcessBuilder("bin/karaf", "daemon").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolveSibling("gateway.out").toFile());
        builder.environment().put("PILEGATE_ADMIN_PASSWORD", adminPassword);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process = builder.start();
    }

    /** The gateway's JVM: bin/karaf daemon execs java, but a wrapper may sit in between. */
    ProcessHandle jvm() {
        if (jvm == null) {
            jvm = KarafJvm.of(process).orElseThrow(() -> new IllegalStateException("no Karaf JVM under bin/karaf"));
        }
        return jvm;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The milliseconds of the gateway's "pilegate ready in … ms" line, once it is logged. */
    Optional<Long> readyMillis() throws IOException {
        return logMatch(READY).map(Long::parseLong);
    }

    /** The relay poll interval the drivers logged as they started. */
    Optional<Long> relayPollMillis() throws IOException {
        return logMatch(RELAY_POLL).map(Long::parseLong);
    }

    /** The values of the named series of /metrics (name and labels as it writes them); empty while unreadable. */
    Map<String, Double> metrics(String... names) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + settings.httpPort() + "/metrics")).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Map.of();
            }
            List<String> wanted = List.of(names);
            return response.body().lines().filter(line -> !line.startsWith("#"))
                    .filter(line -> wanted.contains(line.substring(0, line.lastIndexOf(' '))))
                    .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                            line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), (a, b) -> a));
        } catch (IOException | RuntimeException notYet) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Runs shell commands one after the other in one SSH session; returns what they printed. */
    String shell(List<String> commands, Duration timeout) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bin/client", "-h", "127.0.0.1", "-a",
                Integer.toString(settings.sshPort()), "-u", "admin", "-p", adminPassword, "-r", "60", "-d", "1", "-b")
                .directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        // read while writing: thousands of commands print more than a pipe holds
        Thread writer = new Thread(() -> {
            try (var in = client.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the client died; its exit code says so
            }
        }, "shell-input");
        writer.start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        writer.join();
        if (!client.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || client.exitValue() != 0) {
            client.destroyForcibly();
            throw new IllegalStateException("shell failed (" + commands.size() + " commands from " + commands.get(0)
                    + "): " + output.substring(Math.max(0, output.length() - 2000)));
        }
        return output;
    }

    /**
     * Starts a flight recording of {@code duration} into {@code file}, with the JDK's profiling settings but for
     * socket I/O events: under load the gateway's Modbus connections wait over their 10 ms threshold thousands of
     * times a second, and recording that many events puts a lock of the recorder's own on those threads. Threads'
     * CPU is recorded every 2 s instead of every 10 s.
     */
    void startRecording(Duration duration, Path file) throws Exception {
        Path settingsFile = file.resolveSibling("depot-bench.jfc");
        String profile = Files.readString(Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc"));
        String adapted = Pattern.compile("(?<head><event name=\"jdk\\.Socket(?:Read|Write)\">\\s*<setting"
                + " name=\"enabled\">)true").matcher(profile).replaceAll("${head}false");
        adapted = Pattern.compile("(?<head><event name=\"jdk\\.ThreadCPULoad\">\\s*<setting name=\"enabled\">true"
                + "</setting>\\s*<setting name=\"period\">)10 s").matcher(adapted).replaceAll("${head}2 s");
        if (adapted.equals(profile)) {
            throw new IllegalStateException("the JDK's profile.jfc is not laid out as expected");
        }
        Files.writeString(settingsFile, adapted);
        String name = file.getFileName().toString().replace(".jfr", "");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(jvm().pid()), "JFR.start", "name=" + name, "settings=" + settingsFile,
                "duration=" + duration.toSeconds() + "s", "filename=" + file).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0 || !output.contains("Started recording")) {
            throw new IllegalStateException("JFR.start failed: " + output);
        }
    }

    /** The gateway JVM's native memory by category, as {@code jcmd VM.native_memory summary} reports it. */
    String nativeMemory() throws Exception {
        return jcmd("VM.native_memory", "summary", "scale=MB");
    }

    /** The objects alive on the gateway's heap by class ({@code jcmd GC.class_histogram}: a full collection first). */
    String liveHeap() throws Exception {
        return jcmd("GC.class_histogram");
    }

    private String jcmd(String... command) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(jvm().pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notInTime) {
                handle.destroyForcibly();
            }
        }
    }

    private Optional<String> logMatch(Pattern pattern) throws IOException {
        if (!Files.exists(log())) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(log())) {
            return lines.map(pattern::matcher).filter(Matcher::find).map(matcher -> matcher.group(1)).findFirst();
        }
    }

    private void set(String file, String key, String value) throws IOException {
        Path path = home.resolve("etc").resolve(file);
        List<String> lines = Files.exists(path) ? Files.readAllLines(path) : List.of();
        String kept = lines.stream().filter(line -> !line.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"))
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

    static Instant startOf(ProcessHandle handle) {
        return handle.info().startInstant().orElseThrow();
    }
}
