package org.pilegate.itests.probe;

import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.inject.Inject;

import org.apache.karaf.features.BootFinished;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.itests.PilegateDistribution;
import org.pilegate.api.pile.PileController;
import org.pilegate.sim.DepotSimulator;

/**
 * How long the charging dialogue takes on a depot of simulated piles, each measure beside the floor the devices set:
 * (A) from a plug to the association prompt at the driver's terminal, beside the relay driver's own detection of the
 * vehicle; (B) from a charging request to the CHARGING status at the terminal, beside a bare close of the contactor
 * through the relay driver. A benchmark, not a test: it asserts only that every pile went through the dialogue, and
 * appends its table to itests/LATENCY.md. {@code itests/latency-probe.sh} runs it; its name matches none of
 * failsafe's includes, so a build never does. The pile count comes from the system property
 * {@value #PILES_PROPERTY}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DialogueLatencyProbe {

    static final String PILES_PROPERTY = "probe.piles";
    private static final String RESULTS_PROPERTY = "probe.results";
    /**
     * Away from the shipped 15020, which a gateway or the itests may hold on the same machine, and below Linux's
     * ephemeral ports (from 32768), which thousands of client connections would otherwise collide with.
     */
    private static final int BASE_PORT = 20020;
    /** As shipped in config/org.pilegate.session.cfg: the probe measures the gateway as operators run it. */
    private static final Duration STATUS_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PROMPT_LIFETIME = Duration.ofSeconds(300);
    /** Plugs, charging requests and stops are each spread over at least this, as vehicles arrive at a depot. */
    private static final Duration PACING_WINDOW = Duration.ofSeconds(20);
    /**
     * The fastest pace, per second, of plugs (and of requests and stops): a big depot's shift change many times
     * over, yet not an arrival storm no depot sees, which would measure the queue instead of the dialogue.
     */
    private static final int MAX_PACE_PER_SECOND = 10;
    private static final int WARM_UP_PILES = 10;
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);
    /** How long after its pacing window every pile may take to reach a step before the probe gives up. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    /** Karaf takes minutes to boot thousands of piles, their drivers activated one at a time. */
    private static final long SETUP_TIMEOUT_MS = 600_000;
    private static final Duration SETUP_TIMEOUT = Duration.ofMillis(SETUP_TIMEOUT_MS);
    private static final int REFERENCE_LIMIT_A = 16;
    /** Each driver's wallet gets this, in the pile's currency, as charging is refused on an empty one. */
    private static final long TOP_UP_MINOR_UNITS = 100_00;
    /**
     * Terminals authenticating at once: fewer than Vert.x's 20 worker threads, which handle their frames, so that no
     * authentication waits behind the others' greetings past the gateway's 10 s deadline for it.
     */
    private static final int CONNECTING_AT_ONCE = 10;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private BootFinished bootFinished;

    @Inject
    private BundleContext context;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private DepotSimulator depot;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private VehicleRegistry registry;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private TerminalCredentials credentials;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private Wallet wallet;

    @Inject
    @Filter(timeout = SETUP_TIMEOUT_MS)
    private Pricing pricing;

    private final Queue<String> refusals = new ConcurrentLinkedQueue<>();

    @Configuration
    public Option[] configuration() {
        return PilegateDistribution.options(
                editConfigurationFilePut("etc/org.pilegate.sim.cfg", "pileCount",
                        System.getProperty(PILES_PROPERTY, "20")),
                editConfigurationFilePut("etc/org.pilegate.sim.cfg", "basePort", Integer.toString(BASE_PORT)),
                editConfigurationFilePut("etc/org.pilegate.session.cfg", "statusIntervalMs",
                        Long.toString(STATUS_INTERVAL.toMillis())),
                editConfigurationFilePut("etc/org.pilegate.session.cfg", "promptLifetimeS",
                        Long.toString(PROMPT_LIFETIME.toSeconds())),
                // Pax Exam's own waits for the container (2 min for the test, 10 s for each of its services in it)
                // are too short for thousands of piles, whose drivers keep Karaf starting bundles for minutes
                systemTimeout(SETUP_TIMEOUT_MS),
                systemProperty("org.ops4j.pax.exam.raw.extender.intern.Parser.DEFAULT_TIMEOUT")
                        .value(Long.toString(SETUP_TIMEOUT_MS)),
                systemProperty("org.ops4j.pax.exam.invoker.junit.internal.JUnitProbeInvokerFactory.DEFAULT_TIMEOUT")
                        .value(Long.toString(SETUP_TIMEOUT_MS)),
                // the probe runs in the container, whose working directory is not the module's
                systemProperty(RESULTS_PROPERTY).value(Path.of("LATENCY.md").toAbsolutePath().toString()));
    }

    @Test
    public void measureTheChargingDialogue() throws Exception {
        int piles = depot.pileCount();
        List<ProbeDriver> drivers = IntStream.range(0, piles)
                .mapToObj(index -> new ProbeDriver(index, pileName(index, piles), refusals)).toList();
        Map<String, Relay> relays = servicesByPile(Relay.class, Relay.ID_PROPERTY, ".relay", piles);
        Map<String, PileController> controllers = servicesByPile(PileController.class, PileController.ID_PROPERTY,
                "", piles);
        await("every pile available with its devices answering", SETUP_TIMEOUT, () -> controllers.values().stream()
                .allMatch(pile -> pile.devicesSeen() && pile.status().state() == PileState.AVAILABLE));
        Duration depotReady = Duration.ofMillis(
                System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        Duration relayPollInterval = pollInterval(relays.get(drivers.get(0).pile));
        List<AutoCloseable> subscriptions = new ArrayList<>();
        try {
            for (ProbeDriver driver : drivers) {
                subscriptions.add(relays.get(driver.pile).subscribe(driver::onRelayState));
            }
            long connecting = System.nanoTime();
            registerAndConnect(HttpClient.newHttpClient(), drivers);
            Duration terminalsConnected = Duration.ofNanos(System.nanoTime() - connecting);
            List<ProbeDriver> warmUp = drivers.subList(0, Math.min(WARM_UP_PILES, piles));
            round(warmUp, WARM_UP_WINDOW, relays, controllers);
            // shuffled, so that vehicles arriving one after the other are not all behind the same Modbus port
            List<ProbeDriver> arrivals = new ArrayList<>(drivers);
            Collections.shuffle(arrivals, new Random(1));
            Duration window = pacingWindow(piles);
            List<DialogueTimes> measured = round(arrivals, window, relays, controllers);

            String report = LatencyReport.render(new LatencyReport.Setup(piles, pilesPerPort(), window,
                    warmUp.size(), STATUS_INTERVAL, relayPollInterval, depotReady, terminalsConnected), measured);
            System.out.println(report);
            refusals.forEach(refusal -> System.out.println("Refused on the way (counted nonetheless): " + refusal));
            LatencyReport.append(Path.of(System.getProperty(RESULTS_PROPERTY)), report);
        } finally {
            for (AutoCloseable subscription : subscriptions) {
                subscription.close();
            }
            drivers.forEach(ProbeDriver::close);
            IntStream.range(0, piles).forEach(depot::unplug);
        }
    }

    /** The whole dialogue on every pile of {@code drivers}, paced over {@code window}; the piles end unplugged. */
    private List<DialogueTimes> round(List<ProbeDriver> drivers, Duration window, Map<String, Relay> relays,
            Map<String, PileController> controllers) throws InterruptedException {
        drivers.forEach(ProbeDriver::startRound);
        paced(drivers, window, driver -> driver.plug(depot));
        awaitStep("association prompt", drivers, times -> times.prompted);
        awaitStep("association", drivers, times -> times.bound);
        paced(drivers, window, driver -> closeAndOpenThenRequestCharging(driver, relays.get(driver.pile)));
        awaitStep("charging status", drivers, times -> times.charging);
        paced(drivers, window, ProbeDriver::stop);
        awaitStep("finished status", drivers, times -> times.finished);
        drivers.forEach(driver -> depot.unplug(driver.pileIndex));
        await("every pile available again", STEP_TIMEOUT, () -> drivers.stream()
                .allMatch(driver -> controllers.get(driver.pile).status().state() == PileState.AVAILABLE));
        return drivers.stream().map(ProbeDriver::times).toList();
    }

    /**
     * The reference (B) on the driver's pile, plugged and bound but idle, then the driver's charging request: one
     * after the other on the same pile, so that both meet the same load.
     */
    private void closeAndOpenThenRequestCharging(ProbeDriver driver, Relay relay) {
        DialogueTimes times = driver.times();
        long start = System.nanoTime();
        relay.execute(new RelayCommand.CloseContactor(REFERENCE_LIMIT_A)).toCompletableFuture()
                .thenCompose(closed -> {
                    times.contactorRoundTrip.complete(System.nanoTime() - start);
                    return relay.execute(new RelayCommand.OpenContactor());
                })
                .whenComplete((opened, failure) -> {
                    if (failure == null) {
                        driver.requestCharging();
                    } else {
                        refusals.add(driver.pile + ": the reference close and open failed, " + failure);
                        times.contactorRoundTrip.completeExceptionally(failure);
                    }
                });
    }

    /** Registers each driver's account, vehicle and terminal, tops up the account's wallet, connects the terminal. */
    private void registerAndConnect(HttpClient http, List<ProbeDriver> drivers) throws Exception {
        await("the terminal endpoint", SETUP_TIMEOUT, () -> ProbeDriver.endpointOpen(http));
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<Void>> connections = new ArrayList<>();
        for (ProbeDriver driver : drivers) {
            AccountId account = new AccountId(driver.pile + "-driver");
            registry.registerAccount(account, "driver at " + driver.pile);
            registry.registerVehicle(driver.vehicle, account);
            registry.registerTerminal(driver.terminal, account);
            pricing.currency(new PileId(driver.pile)).ifPresent(currency -> wallet.topUp(account,
                    Money.of(TOP_UP_MINOR_UNITS, currency.getCurrencyCode()), "latency probe at " + driver.pile));
            String credential = credentials.issue(driver.terminal);
            connecting.acquire();
            connections.add(driver.connect(http, credential).whenComplete((done, failure) -> connecting.release()));
        }
        awaitAll("connected and authenticated", connections, SETUP_TIMEOUT);
    }

    private static Duration pacingWindow(int piles) {
        Duration atMaxPace = Duration.ofSeconds((piles + MAX_PACE_PER_SECOND - 1) / MAX_PACE_PER_SECOND);
        return atMaxPace.compareTo(PACING_WINDOW) > 0 ? atMaxPace : PACING_WINDOW;
    }

    /** Calls {@code step} for each driver in turn, evenly spread over {@code window}. */
    private static void paced(List<ProbeDriver> drivers, Duration window, Consumer<ProbeDriver> step) {
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

    /** Sanity, never a latency: every pile of the round gets to {@code step}. */
    private void awaitStep(String step, List<ProbeDriver> drivers,
            Function<DialogueTimes, CompletableFuture<?>> reached) throws InterruptedException {
        awaitAll("at the " + step, drivers.stream().map(driver -> reached.apply(driver.times())).toList(),
                STEP_TIMEOUT);
    }

    private void awaitAll(String what, List<? extends CompletableFuture<?>> piles, Duration timeout)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(piles.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // no cause attached: Pax Exam would report the cause alone, without this message
            long missing = piles.stream().filter(pile -> !pile.isDone() || pile.isCompletedExceptionally()).count();
            throw new AssertionError(missing + " of " + piles.size() + " piles not " + what + " within " + timeout
                    + " (" + e + "); refused on the way (" + refusals.size() + "): "
                    + refusals.stream().limit(10).toList());
        }
    }

    /** The services of {@code type} of every simulated pile, by pile name, once all are registered. */
    private <S> Map<String, S> servicesByPile(Class<S> type, String idProperty, String idSuffix, int piles)
            throws Exception {
        String filter = "(" + idProperty + "=sim-*" + idSuffix + ")";
        await(piles + " " + type.getSimpleName() + " services", SETUP_TIMEOUT,
                () -> references(type, filter).size() == piles);
        Map<String, S> byPile = new HashMap<>();
        for (ServiceReference<S> reference : references(type, filter)) {
            String id = (String) reference.getProperty(idProperty);
            byPile.put(id.substring(0, id.length() - idSuffix.length()), context.getService(reference));
        }
        return byPile;
    }

    private <S> List<ServiceReference<S>> references(Class<S> type, String filter) {
        try {
            return List.copyOf(context.getServiceReferences(type, filter));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    /** Piles behind one Modbus TCP port of the simulator, as it runs. */
    private int pilesPerPort() {
        int firstPort = depot.address(0).port();
        return (int) IntStream.range(0, depot.pileCount()).filter(i -> depot.address(i).port() == firstPort).count();
    }

    /** The relay driver's poll interval as it runs: the median gap between the states it reports of an idle pile. */
    private static Duration pollInterval(Relay relay) throws Exception {
        BlockingQueue<Instant> reads = new LinkedBlockingQueue<>();
        List<Duration> gaps = new ArrayList<>();
        try (AutoCloseable subscription = relay.subscribe(state -> reads.add(state.timestamp()))) {
            Instant previous = nextRead(reads);
            while (gaps.size() < 7) {
                Instant next = nextRead(reads);
                gaps.add(Duration.between(previous, next));
                previous = next;
            }
        }
        Collections.sort(gaps);
        return gaps.get(gaps.size() / 2);
    }

    private static Instant nextRead(BlockingQueue<Instant> reads) throws InterruptedException {
        Instant read = reads.poll(30, TimeUnit.SECONDS);
        if (read == null) {
            throw new AssertionError("the relay reported nothing for 30 s");
        }
        return read;
    }

    /** The simulator's name of pile {@code index}: sim-01 … sim-20, sim-0001 … sim-2000. */
    private static String pileName(int index, int piles) {
        int width = Math.max(2, Integer.toString(piles).length());
        return String.format("sim-%0" + width + "d", index + 1);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
