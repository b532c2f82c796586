package org.pilegate.itests;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.internal.Simulation;
import org.pilegate.sim.internal.StandaloneSimulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Sessions on every pile of a simulated depot whose Modbus devices meet a share of their requests with a random
 * fault (the simulator's chaos mode), against the built distribution in its own JVM. Each pile's driver plugs in,
 * associates, charges a few seconds, stops, pays and unplugs, over and over, asking again whatever is refused. Counted:
 * complete sessions, steps that never came (a pile stuck), contactors closed after their session ended, sessions
 * whose energy is not the meter registers' delta, and the gateway's threads and heap after a full collection, once
 * every pile has finished its first session and again at the end.
 * {@code itests/chaos-run.sh} runs it, ten minutes by default.
 */
final class ChaosRun implements AutoCloseable {

    static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration BOOT = Duration.ofMinutes(5);
    private static final Duration CHARGE = Duration.ofSeconds(3);

    /** What a run found. */
    record Findings(long sessions, long stuck, long contactorsLeftClosed, long unbilled, long refusals,
            int threadsAfterFirst, int threadsAtEnd, long heapAfterFirstKib, long heapAtEndKib, List<String> notes) {
    }

    private final int piles;
    private final Simulation depot;
    private final ForkedGateway gateway;
    private OperatorPiles operatorView;
    private final List<TerminalClient> terminals = new ArrayList<>();
    private final AtomicLong sessions = new AtomicLong();
    private final AtomicLong stuck = new AtomicLong();
    private final AtomicLong leftClosed = new AtomicLong();
    private final AtomicLong unbilled = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    /** By pile: the fees its driver paid, in cents, and how many. */
    private final AtomicLongArray paidCents;
    private final AtomicIntegerArray paid;
    /** What is worth a line in the results, by key: 1 stuck piles, 2 thread pools that changed, 3 sessions. */
    private final ConcurrentMap<String, String> notes = new ConcurrentHashMap<>();

    private ChaosRun(int piles, Simulation depot, ForkedGateway gateway) {
        this.piles = piles;
        this.depot = depot;
        this.gateway = gateway;
        this.paidCents = new AtomicLongArray(piles);
        this.paid = new AtomicIntegerArray(piles);
    }

    /**
     * Starts the depot with chaos on {@code chaosPercent} % of each device's requests, the gateway and terminals. Each
     * pile has a Modbus TCP port of its own: a dropped connection takes down one pile's line, not a hundred piles'.
     */
    static ChaosRun start(int piles, double chaosPercent, Path folder) throws Exception {
        int port = PilegateDistribution.SIMULATOR_PORT;
        Simulation depot = StandaloneSimulator.start(Map.of("basePort", Integer.toString(port), "piles",
                Integer.toString(piles), "pilesPerPort", "1", "tickMs", "200", "chaosPercent",
                Double.toString(chaosPercent)));
        Map<String, String> etc = new LinkedHashMap<>();
        for (int i = 0; i < piles; i++) {
            String pile = pile(i);
            var address = depot.address(i);
            etc.put("org.pilegate.meter.modbus-" + pile + ".cfg", "id = " + pile + ".meter\nhost = 127.0.0.1\nport = "
                    + address.port() + "\nunitId = " + address.meterUnitId() + "\nprofile = eastron-sdm630\n");
            etc.put("org.pilegate.relay.modbus-" + pile + ".cfg", "id = " + pile + ".relay\nhost = 127.0.0.1\nport = "
                    + address.port() + "\nunitId = " + address.relayUnitId() + "\nprofile = pilegate-generic-relay\n");
            etc.put("org.pilegate.pile-" + pile + ".cfg", "id = " + pile + "\nmeter = " + pile + ".meter\nrelay = "
                    + pile + ".relay\n");
        }
        ForkedGateway gateway = ForkedGateway.unpack(folder, etc);
        ChaosRun run = new ChaosRun(piles, depot, gateway);
        try {
            gateway.start(BOOT);
            run.operatorView = new OperatorPiles(gateway.adminPassword());
            Map<String, String> credentials = Accounts.register(gateway, piles, ChaosRun::driver,
                    ChaosRun::vehicle, ChaosWallets.OPENING_EUR);
            for (int i = 0; i < piles; i++) {
                run.terminals.add(TerminalClient.connect(credentials.get(driver(i) + "-phone"), BOOT));
            }
        } catch (Exception | AssertionError e) {
            run.close();
            throw e;
        }
        return run;
    }

    /** Every pile's driver runs sessions until {@code duration} has passed, then finishes the one under way. */
    Findings run(Duration duration) throws Exception {
        Instant end = Instant.now().plus(duration);
        List<Thread> drivers = new ArrayList<>();
        CountDownLatch firstDone = new CountDownLatch(piles);
        for (int i = 0; i < piles; i++) {
            int pile = i;
            Thread driver = new Thread(() -> drive(pile, end, firstDone), "chaos-driver-" + pile);
            driver.setDaemon(true);
            drivers.add(driver);
            driver.start();
        }
        firstDone.await();
        int threadsAfterFirst = gateway.threads();
        Map<String, Integer> poolsAfterFirst = gateway.threadsByPool();
        long heapAfterFirst = gateway.heapAfterFullCollectionKib();
        for (Thread driver : drivers) {
            driver.join(duration.plus(STEP.multipliedBy(6)).toMillis());
        }
        int threadsAtEnd = gateway.threads();
        Map<String, Integer> poolsAtEnd = gateway.threadsByPool();
        long heapAtEnd = gateway.heapAfterFullCollectionKib();
        poolsAtEnd.forEach((pool, count) -> {
            int before = poolsAfterFirst.getOrDefault(pool, 0);
            if (count != before) {
                notes.put("2 " + pool, "threads " + pool + ": " + before + " → " + count);
            }
        });
        poolsAfterFirst.keySet().stream().filter(pool -> !poolsAtEnd.containsKey(pool)).forEach(pool ->
                notes.put("2 " + pool, "threads " + pool + ": " + poolsAfterFirst.get(pool) + " → 0"));
        return new Findings(sessions.get(), stuck.get(), leftClosed.get(), unbilled.get(), refusals.get(),
                threadsAfterFirst, threadsAtEnd, heapAfterFirst, heapAtEnd,
                notes.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).limit(40)
                        .toList());
    }

    private void drive(int pile, Instant end, CountDownLatch firstDone) {
        TerminalClient terminal = terminals.get(pile);
        boolean first = true;
        try {
            do {
                session(pile, terminal);
                if (first) {
                    firstDone.countDown();
                    first = false;
                }
            } while (Instant.now().isBefore(end));
        } catch (Exception | AssertionError e) {
            stuck.incrementAndGet();
            notes.put("1 " + pile(pile), pile(pile) + ": " + String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(""));
            if (first) {
                firstDone.countDown(); // the others need not wait for it
            }
        }
    }

    /** One whole session at {@code pile}; throws when a step does not come within {@link #STEP}. */
    private void session(int pile, TerminalClient terminal) throws Exception {
        String name = pile(pile);
        String phone = driver(pile) + "-phone";
        long registerAtPlug = depot.snapshot(pile).energyWh();
        depot.plug(pile, new SimulatedVehicle(new VehicleId(vehicle(pile)), 100_000, 0.2));
        String token = terminal.next(frame -> "association_prompt".equals(frame.path("type").asText())
                && name.equals(frame.path("pile").asText()), "the association prompt at " + name, STEP)
                .path("associationToken").asText();
        JsonNode bound = ask(terminal, Dialogues.associationRequest(name, token, phone),
                frame -> "status_update".equals(frame.path("type").asText()), "the association at " + name);
        String session = bound.path("session").asText();
        ask(terminal, "{\"type\":\"charging_request\",\"pile\":\"" + name + "\",\"targets\":{}}",
                frame -> session.equals(frame.path("session").asText())
                        && "CHARGING".equals(frame.path("state").asText()), "charging at " + name);
        Thread.sleep(CHARGE.toMillis());
        JsonNode finished = ask(terminal, "{\"type\":\"stop_request\",\"session\":\"" + session + "\"}",
                frame -> session.equals(frame.path("session").asText())
                        && "FINISHED".equals(frame.path("state").asText()), "the end of " + session);
        JsonNode fee = terminal.next(frame -> "fee_notice".equals(frame.path("type").asText())
                && session.equals(frame.path("session").asText()), "the fee of " + session, STEP);
        long delivered = depot.snapshot(pile).energyWh() - registerAtPlug;
        if (Math.abs(delivered - finished.path("energyWh").asLong()) > 1) {
            unbilled.incrementAndGet();
            notes.put("3 " + session + " billed", session + ": billed " + finished.path("energyWh")
                    + " Wh, registers " + delivered);
        }
        if (depot.snapshot(pile).contactorClosed()) {
            leftClosed.incrementAndGet();
            notes.put("3 " + session + " closed", session + " ended with its contactor closed");
        }
        ask(terminal, "{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                + fee.path("feeId").asText() + "\"}", frame -> session.equals(frame.path("session").asText())
                        && "PAID".equals(frame.path("state").asText()), "the payment of " + session);
        paidCents.addAndGet(pile, fee.path("total").path("minorUnits").asLong());
        paid.incrementAndGet(pile);
        depot.unplug(pile);
        sessions.incrementAndGet();
        // the next vehicle comes once the gateway saw this one go: plugged in again before any of the relay's polls
        // (some of them lost to the storm) saw the socket empty, it is the same vehicle that never left
        if (!operatorView.await(name, "AVAILABLE", STEP)) {
            throw new AssertionError("the gateway did not see the vehicle leave " + name + " within " + STEP
                    + "; it shows " + operatorView.state(name));
        }
    }

    /** Sends {@code request} until the frame {@code wanted} comes, again after each refusal, for {@link #STEP}. */
    private JsonNode ask(TerminalClient terminal, String request, Predicate<JsonNode> wanted,
            String what) throws Exception {
        Instant deadline = Instant.now().plus(STEP);
        while (true) {
            terminal.send(request);
            JsonNode answer = terminal.next(frame -> wanted.test(frame)
                    || "error".equals(frame.path("type").asText()), what, STEP);
            if (!"error".equals(answer.path("type").asText())) {
                return answer;
            }
            refusals.incrementAndGet();
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no " + what + " within " + STEP + ", last refused: " + answer);
            }
            Thread.sleep(1_000);
        }
    }

    /** The drivers whose wallet does not show each fee they paid debited exactly once; call after {@link #run}. */
    List<String> walletsNotMatchingThePayments() throws Exception {
        List<String> drivers = new ArrayList<>();
        for (int i = 0; i < piles; i++) {
            drivers.add(driver(i));
        }
        return ChaosWallets.mismatches(gateway, drivers, paidCents, paid);
    }

    @Override
    public void close() throws Exception {
        if (operatorView != null) {
            operatorView.close();
        }
        terminals.forEach(TerminalClient::close);
        gateway.close();
        depot.close();
    }

    /** Appends {@code findings} of a run to {@code results}, with the machine, its load and the date. */
    static void append(Path results, String setup, Findings findings) throws Exception {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0] + " load at the end";
        String section = "\n## " + Instant.now() + " — " + setup + "\n\nmachine: " + machine + "\n\n"
                + "| sessions | stuck | contactors left closed | unbilled | refusals asked again | threads after the"
                + " first sessions → at the end | heap after GC (KiB) after the first sessions → at the end |\n"
                + "|---|---|---|---|---|---|---|\n| " + findings.sessions() + " | " + findings.stuck() + " | "
                + findings.contactorsLeftClosed() + " | " + findings.unbilled() + " | " + findings.refusals() + " | "
                + findings.threadsAfterFirst() + " → " + findings.threadsAtEnd() + " | "
                + findings.heapAfterFirstKib() + " → " + findings.heapAtEndKib() + " |\n"
                + (findings.notes().isEmpty() ? "" : "\n" + String.join("\n", findings.notes().stream()
                        .map(note -> "- " + note).toList()) + "\n");
        Files.writeString(results, section, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** {@code piles=200 seconds=600 chaosPercent=2 results=CHAOS.md}: the long run, for itests/chaos-run.sh. */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("piles", "200", "seconds", "600",
                "chaosPercent", "2", "results", "CHAOS.md"));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                throw new IllegalArgumentException("'" + arg + "' is not key=value of " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        int piles = Integer.parseInt(options.get("piles"));
        double chaos = Double.parseDouble(options.get("chaosPercent"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.get("seconds")));
        Findings findings;
        try (ChaosRun run = start(piles, chaos, Path.of("target", "chaos-gateway").toAbsolutePath())) {
            findings = run.run(duration);
        }
        append(Path.of(options.get("results")), piles + " piles, " + chaos + " % chaos, " + duration.toSeconds()
                + " s", findings);
        System.out.println(findings);
        System.exit(0);
    }

    private static String pile(int index) {
        return String.format("chaos-%03d", index + 1);
    }

    private static String driver(int index) {
        return String.format("chaos%03d", index + 1);
    }

    private static String vehicle(int index) {
        return String.format("EV-C%03d", index + 1);
    }
}
