package org.pilegate.itests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.pilegate.sim.PileAddress;

/**
 * The whole-system benchmark of the gateway: three processes, none sharing another's JVM — (1) the built distribution
 * as operators run it, its piles configured in {@code etc/} against (2) the simulated depot in a JVM of its own, and
 * (3) this process, the load: a driver per pile whose terminal speaks the real WebSocket API and whose vehicle comes
 * and goes through the depot's control channel. It measures, and appends to {@code itests/BENCHMARK.md}:
 * <ol>
 * <li>from the gateway's JVM start until every pile is available; the gateway idle;</li>
 * <li>(A) plug → association prompt and (B) charging request → CHARGING, each beside its per-pile reference, in a
 * paced round as {@code itests/LATENCY.md} has them;</li>
 * <li>every pile running complete sessions back to back — sessions per minute, (A) and (B) under that load, and
 * every refusal, closed connection and stalled session; optionally with a flight recording of the gateway.</li>
 * </ol>
 * Not a test: nothing is asserted but that the run could be made. {@code itests/depot-benchmark.sh} runs it.
 */
public final class DepotBenchmark {

    private static final int WARM_UP_PILES = 10;
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);
    private static final Duration PACING_WINDOW = Duration.ofSeconds(20);
    private static final int MAX_PACE_PER_SECOND = 10;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(15);
    /** How often a wait looks again. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** How often the wait for every pile available scrapes the gateway's metrics. */
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    /** Back to back, the piles' first plugs are spread over this, as no depot sees every vehicle in one instant. */
    private static final Duration STAGGER = Duration.ofSeconds(10);
    private static final int CONNECTING_AT_ONCE = 10;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final BenchSettings settings;
    private final Tally tally = new Tally();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "bench-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final BenchReport report;

    private DepotBenchmark(BenchSettings settings) {
        this.settings = settings;
        this.report = new BenchReport(settings);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Thread limit = new Thread(() -> {
            try {
                Thread.sleep(settings.limit().toMillis());
                log("over the limit of " + settings.limit().toMinutes() + " minutes: stopping everything");
                System.exit(3);
            } catch (InterruptedException done) {
                Thread.currentThread().interrupt();
            }
        }, "bench-limit");
        limit.setDaemon(true);
        limit.start();
        new DepotBenchmark(settings).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(settings.work());
        report.loadAverageAtStart = Usage.machineLoadAverage();
        log("starting the simulated depot of " + settings.piles() + " piles");
        List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
        // stopped early (Ctrl-C, the limit), the benchmark leaves no process behind either
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(started), "bench-stop"));
        try {
            DepotProcess depot = DepotProcess.start(settings);
            started.add(depot);
            List<PileAddress> addresses = new ArrayList<>();
            for (int i = 0; i < settings.piles(); i++) {
                addresses.add(depot.control().address(i));
            }
            GatewayProcess gateway = GatewayProcess.unpack(settings, pileConfigurations(addresses));
            started.add(0, gateway);
            benchmark(gateway, depot, addresses);
        } finally {
            timer.shutdownNow();
            stopAll(started);
        }
    }

    private void benchmark(GatewayProcess gateway, DepotProcess depot, List<PileAddress> addresses) throws Exception {
        log("starting the gateway (" + gateway.describeJavaOptions() + ")");
        gateway.start();
        await("the gateway's JVM", Duration.ofSeconds(30), () -> {
            try {
                gateway.jvm();
                return true;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        long gatewayPid = gateway.jvm().pid();
        writePids(gatewayPid, depot.handle().pid());
        Instant jvmStart = GatewayProcess.startOf(gateway.jvm());
        report.gatewayJavaOptions = gateway.describeJavaOptions();
        await("the gateway's ready line", BOOT_TIMEOUT, () -> {
            if (!gateway.alive()) {
                throw new IllegalStateException("the gateway exited; see " + gateway.log());
            }
            return ioQuietly(() -> gateway.readyMillis().isPresent());
        });
        report.readyMillis = gateway.readyMillis().orElseThrow();
        String available = "pilegate_piles{state=\"available\"}";
        String notSeen = "pilegate_piles_devices_not_seen";
        // a scrape of 2,000 piles' metrics costs the gateway about 30 ms of CPU: asked every second, not every poll,
        // the measurement slows what it measures a quarter as much
        await("every pile available", BOOT_TIMEOUT, SCRAPE_INTERVAL, () -> {
            Map<String, Double> metrics = gateway.metrics(available, notSeen);
            return metrics.getOrDefault(available, 0.0) == settings.piles() && metrics.getOrDefault(notSeen, 1.0) == 0;
        });
        report.depotReady = Duration.between(jvmStart, Instant.now());
        report.relayPollMillis = gateway.relayPollMillis().orElse(-1L);
        log("every pile available " + report.depotReady.toSeconds() + " s after the gateway's JVM started");
        if (!settings.startJfr().isZero()) {
            Duration left = settings.startJfr().minus(Duration.between(jvmStart, Instant.now()));
            Thread.sleep(Math.max(0, left.toMillis()) + 1_000);
            log("the start recorded in " + gateway.dumpStartRecording());
        }

        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create("ws://127.0.0.1:" + settings.httpPort() + "/api/terminal/ws");
        ContactorReference reference = new ContactorReference();
        List<Driver> drivers = new ArrayList<>();
        for (int i = 0; i < settings.piles(); i++) {
            drivers.add(new Driver(i, pileName(i), addresses.get(i), depot.control(), reference, timer, tally, http,
                    endpoint));
        }
        depot.control().onSightings((pile, present, at) -> drivers.get(pile).seen(present, at));
        try {
            long registering = System.nanoTime();
            Map<String, String> credentials = Registration.register(gateway, drivers);
            report.registered = Duration.ofNanos(System.nanoTime() - registering);
            log("registered " + drivers.size() + " drivers in " + report.registered.toSeconds() + " s");
            long connecting = System.nanoTime();
            connect(drivers, credentials);
            report.connected = Duration.ofNanos(System.nanoTime() - connecting);
            log("connected " + drivers.size() + " terminals in " + report.connected.toSeconds() + " s");

            long depotPid = depot.handle().pid();
            Usage.Meter idle = Usage.start(timer, gatewayPid, depotPid);
            Thread.sleep(settings.idle().toMillis());
            report.idle = idle.stop();
            log("idle: " + report.idle);
            if (!settings.jfr().isZero()) {
                // after the idle figures, which the recorder and the full collection would add to
                report.idleProfile = JfrSummary.of(record(gateway, "gateway-idle.jfr", settings.idle()), CORES);
                report.liveHeap = gateway.liveHeap();
            }

            Map<String, Long> tallyBefore = tally.snapshot();
            round(drivers.subList(0, Math.min(WARM_UP_PILES, drivers.size())), WARM_UP_WINDOW);
            List<Driver> arrivals = new ArrayList<>(drivers);
            // shuffled, so that vehicles arriving one after the other are not all behind the same Modbus port
            Collections.shuffle(arrivals, new Random(1));
            report.pacingWindow = pacingWindow(drivers.size());
            Usage.Meter paced = Usage.start(timer, gatewayPid, depotPid);
            report.paced = round(arrivals, report.pacingWindow);
            report.pacedUsage = paced.stop();
            SessionTimes.writeCsv(settings.work().resolve("sessions-paced.csv"), report.paced);
            report.pacedTally = Tally.since(tallyBefore, tally.snapshot());
            log("paced round: " + report.paced.size() + " sessions; " + report.pacedUsage);

            backToBack(drivers, gateway, gatewayPid, depotPid);
        } finally {
            drivers.forEach(Driver::close);
            reference.close();
        }
        String section = report.render();
        System.out.println(section);
        BenchReport.append(settings.results(), section);
        log("appended to " + settings.results());
    }

    /** Every pile's sessions back to back, warmed up, then counted over the measured window. */
    private void backToBack(List<Driver> drivers, GatewayProcess gateway, long gatewayPid, long depotPid)
            throws Exception {
        drivers.forEach(Driver::takeSessions);
        Duration relayPoll = Duration.ofMillis(report.relayPollMillis > 0 ? report.relayPollMillis : 500);
        drivers.forEach(driver -> driver.goBackToBack(settings.chargeFor(), relayPoll));
        long spacing = STAGGER.toNanos() / drivers.size();
        for (int i = 0; i < drivers.size(); i++) {
            timer.schedule(drivers.get(i)::plugNext, i * spacing, TimeUnit.NANOSECONDS);
        }
        ScheduledFuture<?> stalls = timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            drivers.forEach(driver -> driver.checkStalled(now));
        }, 5, 5, TimeUnit.SECONDS);
        log("back to back: warming up for " + settings.warmUp().toSeconds() + " s");
        Thread.sleep(settings.warmUp().toMillis());
        Map<String, Long> tallyBefore = tally.snapshot();
        report.storeBefore = StoreFigures.read(gateway);
        Usage.Meter meter = Usage.start(timer, gatewayPid, depotPid);
        long windowStart = System.nanoTime();
        log("back to back: counting for " + settings.measured().toSeconds() + " s");
        Thread.sleep(settings.measured().toMillis());
        long windowEnd = System.nanoTime();
        report.backToBackUsage = meter.stop();
        report.storeAfter = StoreFigures.read(gateway);
        if (settings.nativeMemory()) {
            report.nativeMemory = gateway.nativeMemory();
        }
        Path recording = null;
        if (!settings.jfr().isZero()) {
            // the same load right after the counted window, so that the recorder's cost is in none of its figures
            recording = record(gateway, "gateway-back-to-back.jfr", settings.jfr());
        }
        drivers.forEach(Driver::finishBackToBack);
        log("back to back: letting the sessions under way end");
        awaitQuietly("every session over", STEP_TIMEOUT.plus(Driver.STALL), () -> drivers.stream()
                .allMatch(Driver::idle));
        stalls.cancel(false);
        report.backToBackTally = Tally.since(tallyBefore, tally.snapshot());
        List<SessionTimes> sessions = new ArrayList<>();
        drivers.forEach(driver -> sessions.addAll(driver.takeSessions()));
        report.backToBack(sessions, windowStart, windowEnd);
        SessionTimes.writeCsv(settings.work().resolve("sessions-back-to-back.csv"), sessions);
        log("back to back: " + report.backToBackSummary());
        if (recording != null) {
            report.profile = JfrSummary.of(recording, CORES);
        }
    }

    /** Records the gateway for {@code duration} into the work folder; returns the recording once written. */
    private Path record(GatewayProcess gateway, String file, Duration duration) throws Exception {
        Path recording = settings.work().resolve(file);
        Files.deleteIfExists(recording);
        log("recording the gateway for " + duration.toSeconds() + " s into " + recording);
        gateway.startRecording(duration, recording);
        Thread.sleep(duration.toMillis());
        await("the flight recording " + file, Duration.ofMinutes(2), () -> Files.exists(recording));
        // give the JVM a moment to finish writing it
        Thread.sleep(2000);
        return recording;
    }

    /**
     * The whole dialogue on every pile of {@code drivers}, each step paced over {@code window} as the latency probe
     * paces it; the piles end unplugged. A pile that does not reach a step in time is given up and counted.
     */
    private List<SessionTimes> round(List<Driver> drivers, Duration window) throws InterruptedException {
        drivers.forEach(Driver::takeSessions);
        paced(drivers, window, Driver::plug);
        awaitStep("bound", drivers, times -> times.bound != 0);
        paced(drivers, window, Driver::requestCharging);
        awaitStep("charging", drivers, times -> times.charging != 0);
        paced(drivers, window, Driver::stop);
        // paid, a session's vehicle leaves, and its driver is idle again
        awaitQuietly("every session paid and its vehicle seen leaving", STEP_TIMEOUT,
                () -> drivers.stream().allMatch(Driver::idle));
        long late = System.nanoTime() + Driver.STALL.toNanos() + 1;
        drivers.forEach(driver -> driver.checkStalled(late));
        awaitQuietly("every stalled session given up", STEP_TIMEOUT, () -> drivers.stream().allMatch(Driver::idle));
        List<SessionTimes> sessions = new ArrayList<>();
        drivers.forEach(driver -> sessions.addAll(driver.takeSessions()));
        return sessions;
    }

    private void awaitStep(String step, List<Driver> drivers, Predicate<SessionTimes> reached)
            throws InterruptedException {
        if (!awaitQuietly("every pile " + step, STEP_TIMEOUT, () -> drivers.stream()
                .allMatch(driver -> driver.reached(reached)))) {
            long missing = drivers.stream().filter(driver -> !driver.reached(reached)).count();
            tally.count("paced round: not " + step + " within " + STEP_TIMEOUT.toSeconds() + " s of the last pile's"
                    + " step");
            log(missing + " of " + drivers.size() + " piles not " + step + "; going on without them");
        }
    }

    /** Connects every driver's terminal, a few at a time. */
    private void connect(List<Driver> drivers, Map<String, String> credentials) throws Exception {
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<Void>> connections = new ArrayList<>();
        for (Driver driver : drivers) {
            connecting.acquire();
            connections.add(driver.connect(credentials.get(driver.terminal))
                    .whenComplete((done, failure) -> connecting.release()));
        }
        CompletableFuture.allOf(connections.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /** The depot's piles as an operator lists them for a real depot: one row each in the pile table. */
    private Map<String, String> pileConfigurations(List<PileAddress> addresses) {
        StringBuilder table = new StringBuilder("id, meter.host, meter.port, meter.unitId, meter.profile, "
                + "relay.host, relay.port, relay.unitId, relay.profile\n");
        for (int i = 0; i < addresses.size(); i++) {
            PileAddress address = addresses.get(i);
            table.append(String.join(", ", pileName(i), address.host(), Integer.toString(address.port()),
                    Integer.toString(address.meterUnitId()), "eastron-sdm630", address.host(),
                    Integer.toString(address.port()), Integer.toString(address.relayUnitId()),
                    "pilegate-generic-relay")).append('\n');
        }
        return Map.of("pilegate-piles.csv", table.toString());
    }

    /** bay-01 … bay-20, bay-0001 … bay-2000: as wide as the largest number. */
    private String pileName(int index) {
        int width = Math.max(2, Integer.toString(settings.piles()).length());
        return String.format("bay-%0" + width + "d", index + 1);
    }

    /** The script kills these if this JVM dies without running its shutdown hooks. */
    private void writePids(long gateway, long depot) throws Exception {
        Files.writeString(settings.work().resolve("pids"), gateway + "\n" + depot + "\n");
    }

    private static Duration pacingWindow(int piles) {
        Duration atMaxPace = Duration.ofSeconds((piles + MAX_PACE_PER_SECOND - 1) / MAX_PACE_PER_SECOND);
        return atMaxPace.compareTo(PACING_WINDOW) > 0 ? atMaxPace : PACING_WINDOW;
    }

    /** Calls {@code step} for each driver in turn, evenly spread over {@code window}. */
    private static void paced(List<Driver> drivers, Duration window, Consumer<Driver> step) {
        long start = System.nanoTime();
        long spacing = window.toNanos() / drivers.size();
        for (int i = 0; i < drivers.size(); i++) {
            long due = start + i * spacing;
            for (long early = due - System.nanoTime(); early > 0; early = due - System.nanoTime()) {
                LockSupport.parkNanos(early);
            }
            step.accept(drivers.get(i));
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, POLL_INTERVAL, condition);
    }

    private static void await(String what, Duration timeout, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        if (!awaitQuietly(what, timeout, every, condition)) {
            throw new IllegalStateException("gave up waiting for " + what + " after " + timeout);
        }
    }

    private static boolean awaitQuietly(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        return awaitQuietly(what, timeout, POLL_INTERVAL, condition);
    }

    private static boolean awaitQuietly(String what, Duration timeout, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                log("gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
                return false;
            }
            Thread.sleep(every.toMillis());
        }
        return true;
    }

    @FunctionalInterface
    private interface IoCondition {
        boolean test() throws Exception;
    }

    private static boolean ioQuietly(IoCondition condition) {
        try {
            return condition.test();
        } catch (Exception e) {
            return false;
        }
    }

    /** The gateway first, then the depot; each at most once. */
    private static void stopAll(List<AutoCloseable> started) {
        synchronized (started) {
            for (AutoCloseable process : started) {
                try {
                    process.close();
                } catch (Exception e) {
                    log("could not stop " + process + ": " + e);
                }
            }
            started.clear();
        }
    }

    static void log(String message) {
        System.err.println(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " depot-benchmark: "
                + message);
    }
}
