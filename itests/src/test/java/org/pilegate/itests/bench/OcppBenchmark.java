package org.pilegate.itests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OCPP benchmark: {@code piles} OCPP 1.6J charge points on one gateway. Three processes: (1) the built
 * distribution in its own JVM ({@link GatewayProcess}); (2) the charge points, all in one Node.js process played by
 * npm's ocpp-rpc ({@code itests/ocpp/bench-charge-points.mjs}) — the same peer, written by others and validating every
 * message against the OCPP schemas, as the integration tests use, on one event loop that holds hundreds of WebSockets
 * for little CPU, measured apart from the gateway; (3) this process, registering them through the Karaf shell and
 * playing the drivers' terminals on the terminal WebSocket API. Every charge point beats at {@link #HEARTBEAT_S} and
 * sends MeterValues every 10 s. Measured, and appended to {@code results}: the time until every charge point booted,
 * the gateway's CPU, resident memory and threads under that load, and for {@link #SESSIONS} sessions, one started a
 * second, the latency of charging_request → CHARGING at the terminal and → StartTransaction accepted at the charge
 * point; then the same usage with those sessions charging, optionally with a flight recording. Not a test.
 * {@code itests/ocpp-benchmark.sh} runs it.
 */
public final class OcppBenchmark {

    static final int HEARTBEAT_S = 30;
    static final int SESSIONS = 50;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CREDENTIAL = Pattern.compile("^(\\S+-phone)\\.\\S+$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchSettings settings;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    private final AtomicReference<JsonNode> stats = new AtomicReference<>(JSON.createObjectNode());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private volatile long bootedAt;
    private volatile GatewayProcess gateway;
    private volatile Process chargePoints;

    private OcppBenchmark(BenchSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        new OcppBenchmark(BenchSettings.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(settings.work());
        String loadAtStart = Usage.machineLoadAverage();
        gateway = GatewayProcess.unpack(settings, Map.of("org.pilegate.ocpp16.cfg",
                "heartbeatIntervalS = " + HEARTBEAT_S + "\n"));
        // stopped early (Ctrl-C), the benchmark leaves no process behind either
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "bench-stop"));
        try {
            gateway.start();
            long jvmStart = System.nanoTime();
            await("the gateway ready", Duration.ofMinutes(10), () -> gateway.readyMillis().isPresent());
            Map<String, String> passwords = registerChargePoints(gateway);
            Map<String, String> credentials = registerDrivers(gateway);
            Path list = settings.work().resolve("charge-points.txt");
            Files.write(list, passwords.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
            long connecting = System.nanoTime();
            chargePoints = startChargePoints(list);
            await("every charge point booted", Duration.ofMinutes(10), () -> {
                if (!chargePoints.isAlive()) {
                    throw new IllegalStateException("the charge points exited; see " + settings.work());
                }
                return bootedAt != 0;
            });
            Duration booted = Duration.ofNanos(System.nanoTime() - connecting);
            log(settings.piles() + " charge points booted in " + booted.toSeconds() + " s");
            long gatewayPid = gateway.jvm().pid();
            Usage.Meter steadyMeter = Usage.start(timer, gatewayPid, chargePoints.pid());
            Thread.sleep(settings.idle().toMillis());
            Usage steady = steadyMeter.stop();
            log("heartbeats and meter values only: " + steady);

            List<long[]> latencies = sessions(chargePoints, credentials);
            Usage.Meter chargingMeter = Usage.start(timer, gatewayPid, chargePoints.pid());
            Thread.sleep(settings.measured().toMillis());
            Usage charging = chargingMeter.stop();
            log("with " + latencies.size() + " sessions charging: " + charging);
            String profile = "";
            if (!settings.jfr().isZero()) {
                Path recording = settings.work().resolve("gateway-ocpp.jfr");
                Files.deleteIfExists(recording);
                gateway.startRecording(settings.jfr(), recording);
                Thread.sleep(settings.jfr().toMillis() + 5000);
                profile = JfrSummary.of(recording, Runtime.getRuntime().availableProcessors());
            }
            String section = report(loadAtStart, Duration.ofNanos(connecting - jvmStart), booted, steady, charging,
                    latencies, profile);
            System.out.println(section);
            BenchReport.append(settings.results(), section);
        } finally {
            stopAll();
            timer.shutdownNow();
        }
    }

    private synchronized void stopAll() {
        if (chargePoints != null) {
            chargePoints.destroyForcibly();
        }
        try {
            gateway.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return each charge point's password, as {@code pilegate:ocpp-add} printed it on the line after its id */
    private Map<String, String> registerChargePoints(GatewayProcess gateway) throws Exception {
        List<String> commands = new ArrayList<>();
        for (int i = 1; i <= settings.piles(); i++) {
            commands.add("pilegate:ocpp-add --connectors 1 " + chargePoint(i));
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        Pattern header = Pattern.compile("^Charge point (\\S+) \\(.*shown only now:$");
        for (int from = 0; from < commands.size(); from += 250) {
            String[] lines = gateway.shell(commands.subList(from, Math.min(from + 250, commands.size())),
                    Duration.ofMinutes(15)).split("\\R");
            for (int i = 0; i + 1 < lines.length; i++) {
                Matcher matcher = header.matcher(lines[i].strip());
                if (matcher.matches()) {
                    passwords.put(matcher.group(1), lines[i + 1].strip());
                }
            }
        }
        if (passwords.size() != settings.piles()) {
            throw new IllegalStateException("registered " + passwords.size() + " of " + settings.piles());
        }
        return passwords;
    }

    /** @return the terminal credential of each session's driver, by index */
    private Map<String, String> registerDrivers(GatewayProcess gateway) throws Exception {
        List<String> commands = new ArrayList<>();
        for (int i = 1; i <= sessions(); i++) {
            String driver = "bench-driver-" + i;
            commands.addAll(List.of("pilegate:account-add " + driver + " " + driver,
                    "pilegate:vehicle-add " + vehicle(i) + " " + driver,
                    "pilegate:wallet-topup " + driver + " " + Registration.TOP_UP_EUR + " EUR opening-" + driver,
                    "pilegate:terminal-add " + driver + "-phone " + driver));
        }
        Map<String, String> credentials = new ConcurrentHashMap<>();
        for (String line : gateway.shell(commands, Duration.ofMinutes(15)).split("\\R")) {
            Matcher credential = CREDENTIAL.matcher(line.strip());
            if (credential.matches()) {
                credentials.put(credential.group(1), credential.group(0));
            }
        }
        return credentials;
    }

    private Process startChargePoints(Path list) throws IOException {
        Path log = settings.work().resolve("charge-points.log");
        ProcessBuilder builder = new ProcessBuilder("node", "bench-charge-points.mjs")
                .directory(Path.of("ocpp").toAbsolutePath().toFile()).redirectError(log.toFile());
        builder.environment().putAll(Map.of("PILEGATE_OCPP_URL", "ws://127.0.0.1:" + settings.httpPort() + "/ocpp",
                "PILEGATE_CHARGE_POINTS", list.toString()));
        Process process = builder.start();
        Thread reader = new Thread(() -> follow(process), "charge-points-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    /** The charge points' events, as they print them. */
    private void follow(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode event = JSON.readTree(line);
                switch (event.path("step").asText()) {
                    case "booted" -> bootedAt = event.path("at").asLong();
                    case "started" -> startedAt.put(event.path("id").asText(), event.path("at").asLong());
                    case "stats" -> stats.set(event);
                    default -> failures.add(line);
                }
            }
        } catch (IOException e) {
            failures.add("reading the charge points' output: " + e);
        }
    }

    /**
     * One session a second on the first charge points: plug and RFID at the charger, association and charging
     * request at the terminal. @return per session {charging_request → CHARGING, → StartTransaction accepted} in ns
     */
    private List<long[]> sessions(Process chargePoints, Map<String, String> credentials) throws Exception {
        Writer commands = new PrintWriter(chargePoints.getOutputStream(), true, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create("ws://127.0.0.1:" + settings.httpPort() + "/api/terminal/ws");
        List<Thread> drivers = new ArrayList<>();
        List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= sessions(); i++) {
            String terminalId = "bench-driver-" + i + "-phone";
            String pile = chargePoint(i) + "-1";
            String id = chargePoint(i);
            String plug = "plug " + id + " " + vehicle(i) + "\n";
            Thread driver = new Thread(() -> {
                try (BenchTerminal terminal = BenchTerminal.open(http, endpoint, credentials.get(terminalId),
                        STEP_TIMEOUT)) {
                    synchronized (commands) {
                        commands.write(plug);
                        commands.flush();
                    }
                    String token = terminal.next("association_prompt", STEP_TIMEOUT).path("associationToken")
                            .asText();
                    terminal.send("{\"type\":\"association_request\",\"pile\":\"" + pile + "\",\"associationToken\":\""
                            + token + "\",\"terminal\":\"" + terminalId + "\"}");
                    terminal.next(frame -> "PENDING".equals(frame.path("state").asText()), STEP_TIMEOUT);
                    long requestedMillis = System.currentTimeMillis();
                    long requested = System.nanoTime();
                    terminal.send("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":{}}");
                    terminal.next(frame -> "CHARGING".equals(frame.path("state").asText()), STEP_TIMEOUT);
                    long charging = System.nanoTime() - requested;
                    await("StartTransaction of " + id, STEP_TIMEOUT, () -> startedAt.containsKey(id));
                    latencies.add(new long[] {charging, (startedAt.get(id) - requestedMillis) * 1_000_000});
                } catch (Exception e) {
                    failures.add(pile + ": " + e);
                }
            }, "driver-" + i);
            drivers.add(driver);
            driver.start();
            Thread.sleep(1000);
        }
        for (Thread driver : drivers) {
            driver.join();
        }
        return latencies;
    }

    private String report(String loadAtStart, Duration ready, Duration booted, Usage steady, Usage charging,
            List<long[]> latencies, String profile) {
        StringBuilder out = new StringBuilder();
        out.append("\n## ").append(settings.piles()).append(" OCPP charge points, ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        out.append("- Commit ").append(settings.commit()).append("; ").append(BenchReport.machine()).append('\n');
        out.append("- Load average at the start ").append(loadAtStart).append(", at the end ")
                .append(Usage.machineLoadAverage()).append(" (the machine is shared)\n");
        out.append("- Gateway: ").append(gateway.describeJavaOptions()).append("; heartbeat every ").append(HEARTBEAT_S)
                .append(" s, MeterValues every 10 s from every charge point; ready and registered after ")
                .append(ready.toSeconds()).append(" s, every charge point booted ").append(booted.toSeconds())
                .append(" s later (").append(20).append(" connecting at once)\n\n");
        out.append("| phase | gateway CPU (cores) | RSS (MiB) | max RSS (MiB) | max threads | charge points' CPU"
                + " (cores) |\n|---|---|---|---|---|---|\n");
        row(out, "heartbeats and MeterValues, " + settings.idle().toSeconds() + " s", steady);
        row(out, latencies.size() + " sessions charging too, " + settings.measured().toSeconds() + " s", charging);
        if (!latencies.isEmpty()) {
            Latencies toCharging = Latencies.of(latencies, l -> l[0]);
            Latencies toStart = Latencies.of(latencies, l -> l[1]);
            out.append("\n| ").append(latencies.size()).append(" sessions, one a second | p50 (ms) | p90 | p99 | max"
                    + " |\n|---|---|---|---|---|\n");
            latencyRow(out, "charging_request → StartTransaction accepted at the charge point", toStart);
            latencyRow(out, "charging_request → CHARGING at the terminal", toCharging);
        }
        out.append("\nCalls of the charge points: ").append(stats.get()).append("; failed sessions and calls: ")
                .append(failures.isEmpty() ? "none" : failures.size() + ", first " + failures.get(0)).append('\n');
        if (!profile.isEmpty()) {
            out.append('\n').append(profile).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String phase, Usage usage) {
        out.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %d | %.2f |%n", phase, usage.gatewayCores(),
                usage.gatewayRssMib(), usage.gatewayMaxRssMib(), usage.gatewayMaxThreads(), usage.depotCores()));
    }

    private static void latencyRow(StringBuilder out, String what, Latencies latencies) {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n", what,
                latencies.percentileMillis(50), latencies.percentileMillis(90), latencies.percentileMillis(99),
                latencies.maxMillis()));
    }

    private int sessions() {
        return Math.min(SESSIONS, settings.piles());
    }

    private static String chargePoint(int i) {
        return String.format(Locale.ROOT, "BENCH-CP-%04d", i);
    }

    private static String vehicle(int i) {
        return "EV-BENCH-" + i;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static void log(String message) {
        System.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ocpp-benchmark: " + message);
    }
}
