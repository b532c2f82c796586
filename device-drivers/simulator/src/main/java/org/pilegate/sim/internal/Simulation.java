package org.pilegate.sim.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;
import org.pilegate.sim.PileAddress;
import org.pilegate.sim.PileSnapshot;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.SiteLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated depot: the piles, the Modbus server in front of them, and one scheduler thread that moves
 * every pile forward each tick (and brings vehicles, if asked to).
 */
public final class Simulation implements DepotSimulator, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

    private final SimulatorSettings settings;
    private final Depot depot;
    private final ModbusTcpServer server;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "pilegate-sim-clock");
        thread.setDaemon(true);
        return thread;
    });

    private Simulation(SimulatorSettings settings, Depot depot, ModbusTcpServer server) {
        this.settings = settings;
        this.depot = depot;
        this.server = server;
        long tickMillis = settings.tick().toMillis();
        scheduler.scheduleAtFixedRate(guarded("advancing the piles", depot::advance), tickMillis, tickMillis,
                TimeUnit.MILLISECONDS);
        if (settings.autoPlug()) {
            AutoPlugger plugger = new AutoPlugger(this, settings.relayProfile(), new SplittableRandom());
            scheduler.scheduleAtFixedRate(guarded("plugging vehicles", plugger), 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Binds the ports and starts the clock.
     *
     * @throws IOException if a port cannot be bound
     * @throws org.pilegate.device.profile.InvalidProfileException if a profile cannot be served
     */
    static Simulation start(SimulatorSettings settings) throws IOException {
        LongSupplier nanoClock = System::nanoTime;
        Optional<BaseLoadProfile> baseLoad = settings.baseLoadPeakA().map(peak -> new BaseLoadProfile(peak,
                settings.baseLoadDay(), LocalTime.now().toSecondOfDay() / 3600.0, nanoClock, System.nanoTime()));
        Depot depot = new Depot(settings.pileCount(), settings.pilesPerPort(), settings.meterProfile(),
                settings.relayProfile(), nanoClock, settings.wirings(), baseLoad);
        List<ModbusTcpServer.Listener> listeners = IntStream.range(0, depot.portCount())
                .mapToObj(port -> new ModbusTcpServer.Listener(settings.basePort() == 0 ? 0 : settings.basePort()
                        + port, depot.units(port)))
                .toList();
        ModbusTcpServer server = ModbusTcpServer.open(InetAddress.getByName(settings.host()), listeners,
                settings.chaosRate() == 0 ? Chaos.NONE : new Chaos(settings.chaosRate(), new SplittableRandom()));
        Simulation simulation = new Simulation(settings, depot, server);
        LOG.info("Simulated depot of {} piles ({} meters, {} relays) on {} port(s) of {} from {}", depot.pileCount(),
                settings.meterProfile().id(), settings.relayProfile().id(), depot.portCount(), settings.host(),
                server.port(0));
        return simulation;
    }

    @Override
    public int pileCount() {
        return depot.pileCount();
    }

    @Override
    public PileAddress address(int pileIndex) {
        return new PileAddress(settings.host(), server.port(depot.portIndex(pileIndex)), depot.meterUnitId(pileIndex),
                depot.relayUnitId(pileIndex));
    }

    @Override
    public void plug(int pileIndex, SimulatedVehicle vehicle) {
        Objects.requireNonNull(vehicle, "vehicle");
        depot.relay(pileIndex).checkReportable(vehicle.id());
        depot.pile(pileIndex).plug(vehicle);
    }

    @Override
    public void unplug(int pileIndex) {
        depot.pile(pileIndex).unplug();
    }

    @Override
    public void injectFault(int pileIndex, DeviceKind device, Fault fault) {
        Objects.requireNonNull(fault, "fault");
        depot.device(pileIndex, device).inject(fault);
        LOG.info("Pile {} {}: injected {}", pileIndex, device, fault);
    }

    @Override
    public void clearFault(int pileIndex, DeviceKind device) {
        depot.device(pileIndex, device).clearFault();
        LOG.info("Pile {} {}: fault cleared", pileIndex, device);
    }

    @Override
    public PileSnapshot snapshot(int pileIndex) {
        return depot.pile(pileIndex).snapshot();
    }

    @Override
    public OptionalInt siteMeterUnitId() {
        return depot.siteMeterUnitId();
    }

    @Override
    public SiteLoad siteLoad() {
        return depot.siteLoad();
    }

    /** Tells {@code watch} whenever a pile's relay answers what shows its plug; see {@link PlugWatch}. */
    void watchPlugs(PlugWatch watch) {
        depot.watchPlugs(watch);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        server.close();
        LOG.info("Simulated depot stopped");
    }

    /** A periodic task that logs its failures, where the scheduler would silently stop running it. */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Failure {}", what, e);
            }
        };
    }
}
