package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.site.Phase;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.pile.PileController;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;

/**
 * The gateway's default depot: simulated piles on a real Modbus TCP server, read and switched through the real
 * meter and relay drivers, surviving device faults and driver updates.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SimulatedDepotIT extends InsideGateway {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private DepotSimulator depot;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Configuration
    public Option[] configuration() {
        // the building's day in two minutes, so its load moves while vehicles charge; the depot plans every 5 s
        return PilegateDistribution.options(
                editConfigurationFilePut("etc/org.pilegate.sim.cfg", "baseLoadDayS", "120"),
                editConfigurationFilePut("etc/org.pilegate.site.cfg", "replanIntervalS", "5"));
    }

    /**
     * 24 vehicles come and go at 12 piles behind a grid connection of 100 A per phase, with the building's load
     * (up to 42 A on L1) behind the site meter: alone, the 12 would draw 16 A each, 192 A per phase. Sampled at every
     * poll of the site meter, the connection never carries more than its fuse, and every vehicle has its energy by
     * its departure, as the gateway learns it (a meter poll and a status interval after it happens).
     */
    @Test
    public void vehiclesComeAndGoWithinTheFuseAndLeaveWithTheirEnergy() throws Exception {
        int gridLimitA = 100;
        for (int pile = 0; pile < depot.pileCount(); pile++) {
            depot.unplug(pile);
        }
        for (int pile = 0; pile < 12; pile++) {
            PileController controller = Services.await(context, PileController.class,
                    "(" + PileController.ID_PROPERTY + "=" + String.format("sim-%02d", pile + 1) + ")", WAIT);
            Services.awaitTrue("pile " + pile + " available", WAIT,
                    () -> controller.status().state() == PileState.AVAILABLE);
        }
        Meter siteMeter = Services.await(context, Meter.class, "(" + Meter.ID_PROPERTY + "=sim-site.meter)", WAIT);
        goodReading(siteMeter);
        org.osgi.service.cm.Configuration site = configurationAdmin.getConfiguration("org.pilegate.site", "?");
        Dictionary<String, Object> shipped = site.getProperties();
        Dictionary<String, Object> limited = new Hashtable<>();
        Collections.list(shipped.keys()).forEach(key -> limited.put(key, shipped.get(key)));
        limited.put("gridLimitA", Integer.toString(gridLimitA));
        // the building's load may rise by the threshold (2 A) unplanned, and by up to 10 % of its peak in one poll
        limited.put("safetyMarginA", "7");
        site.update(limited);
        DepotVisits.Peaks peaks = new DepotVisits.Peaks();
        List<DepotVisits.Visit> visits;
        try (AutoCloseable sampling = siteMeter.subscribe(reading -> peaks.sample(depot.siteLoad()))) {
            visits = new DepotVisits(context, depot).play(12, 2, Duration.ofSeconds(150));
        } finally {
            site.update(shipped);
        }

        assertEquals(24, visits.size());
        for (DepotVisits.Visit visit : visits) {
            assertTrue("the target reached: " + visit, visit.deliveredWh() >= visit.targetWh());
            assertTrue("by the departure: " + visit, !visit.finished().isAfter(visit.departure().plusSeconds(2)));
        }
        assertTrue("sampled at every poll: " + peaks.samples(), peaks.samples() > 30);
        for (Phase phase : Phase.values()) {
            assertTrue("the building's load on " + phase, peaks.buildingMa(phase) > 10_000);
            assertTrue(phase + " at most " + gridLimitA + " A: " + peaks.totalMa(phase) + " mA",
                    peaks.totalMa(phase) <= gridLimitA * 1000L);
        }
    }

    @Test
    public void plugCloseAndChargeThroughTheDrivers() throws Exception {
        startCharging(2, "EVCC-IT-3");
        Meter meter = meter("sim-03");
        long before = goodReading(meter).energyImportWh();

        Services.awaitTrue("energy rising on sim-03", WAIT,
                () -> meter.latest().filter(r -> r.quality() == ReadingQuality.GOOD)
                        .map(r -> r.energyImportWh() >= before + 5 && r.activePowerW() > 0).orElse(false));

        RelayState opened = relay("sim-03").execute(new RelayCommand.OpenContactor()).toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(!opened.contactorClosed());
        Services.awaitTrue("power back to 0 on sim-03", WAIT,
                () -> meter.latest().map(r -> r.activePowerW() == 0).orElse(false));
    }

    @Test
    public void silentMeterGoesStaleFaultsThePileAndRecovers() {
        Meter meter = meter("sim-05");
        PileController pile = Services.await(context, PileController.class,
                "(" + PileController.ID_PROPERTY + "=sim-05)", WAIT);
        goodReading(meter);

        depot.injectFault(4, DeviceKind.METER, new Fault.NoReply());
        try {
            Services.awaitTrue("sim-05 meter stale", WAIT,
                    () -> meter.latest().map(r -> r.quality() == ReadingQuality.STALE).orElse(false));
            Services.awaitTrue("pile sim-05 faulted", WAIT, () -> pile.status().state() == PileState.FAULTED);
            // the relay shares the meter's connection and may be held up by its timeouts too
            String fault = pile.status().faultText().orElseThrow();
            assertTrue(fault, fault.contains("meter sim-05.meter not answering"));
            assertEquals("the neighbour on the same port keeps reading", ReadingQuality.GOOD,
                    goodReading(meter("sim-06")).quality());
        } finally {
            depot.clearFault(4, DeviceKind.METER);
        }
        Services.awaitTrue("sim-05 meter good again", WAIT,
                () -> meter.latest().map(r -> r.quality() == ReadingQuality.GOOD).orElse(false));
        Services.awaitTrue("pile sim-05 available again", WAIT, () -> pile.status().state() == PileState.AVAILABLE);
    }

    @Test
    public void updatingTheDriverBundlesLosesNoEnergyAndNoContactorState() throws Exception {
        startCharging(0, "EVCC-IT-1");
        long beforeUpdate = goodReading(meter("sim-01")).energyImportWh();

        bundle("org.pilegate.meter-modbus").update();
        bundle("org.pilegate.relay-modbus").update();

        // fresh services from the updated bundles re-read the devices: the contactor is still closed
        Relay relay = relay("sim-01");
        Services.awaitTrue("relay sim-01 re-read after update", WAIT,
                () -> relay.latest().map(RelayState::contactorClosed).orElse(false));
        assertTrue("charging never stopped", depot.snapshot(0).contactorClosed() && depot.snapshot(0).powerW() > 0);
        PileController pile = Services.await(context, PileController.class,
                "(" + PileController.ID_PROPERTY + "=sim-01)", WAIT);
        assertEquals("the pile kept its state through the driver updates: the vehicle's prompts are out",
                PileState.PROMPTED, pile.status().state());
        Meter meter = meter("sim-01");
        long afterUpdate = goodReading(meter).energyImportWh();
        assertTrue("absolute register continues: " + beforeUpdate + " -> " + afterUpdate,
                afterUpdate >= beforeUpdate);
        Services.awaitTrue("energy keeps rising after the update", WAIT,
                () -> meter.latest().map(r -> r.energyImportWh() > afterUpdate).orElse(false));
    }

    @Test
    public void operatorPlugsAVehicleFromTheShellAndSeesThePile() throws Exception {
        PileController pile = Services.await(context, PileController.class,
                "(" + PileController.ID_PROPERTY + "=sim-07)", WAIT);

        execute("pilegate:sim-plug --soc 50 sim-07 EV-SHELL-7");
        // an unregistered vehicle: the prompts wait for whoever scans the pile's code
        Services.awaitTrue("sim-07 prompted", WAIT, () -> pile.status().state() == PileState.PROMPTED);

        String piles = execute("pilegate:piles");
        assertTrue(piles, piles.lines().anyMatch(line -> line.startsWith("sim-07 ") && line.contains("PROMPTED")));
        String endpoints = execute("pilegate:endpoints");
        assertTrue(endpoints, endpoints.contains("tcp://127.0.0.1:" + PilegateDistribution.SIMULATOR_PORT) && endpoints.contains("OK"));

        execute("pilegate:sim-unplug sim-07");
        Services.awaitTrue("sim-07 available", WAIT, () -> pile.status().state() == PileState.AVAILABLE);
    }

    private String execute(String command) throws Exception {
        return KarafShell.execute(sessionFactory, command);
    }

    private void startCharging(int pileIndex, String vehicle) throws Exception {
        depot.plug(pileIndex, new VehicleId(vehicle), 60_000, 0.2);
        String pile = String.format("sim-%02d", pileIndex + 1);
        Relay relay = relay(pile);
        Services.awaitTrue("vehicle seen at " + pile, WAIT,
                () -> relay.latest().map(state -> state.plugState() != PlugState.A
                        && state.vehicleId().equals(Optional.of(new VehicleId(vehicle)))).orElse(false));
        RelayState closed = relay.execute(new RelayCommand.CloseContactor(16)).toCompletableFuture()
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(closed.contactorClosed());
        assertEquals(16, closed.currentLimitA());
    }

    private MeterReading goodReading(Meter meter) {
        Services.awaitTrue("good reading of " + meter.id(), WAIT,
                () -> meter.latest().map(r -> r.quality() == ReadingQuality.GOOD).orElse(false));
        return meter.latest().orElseThrow();
    }

    private Meter meter(String pile) {
        return Services.await(context, Meter.class, "(" + Meter.ID_PROPERTY + "=" + pile + ".meter)", WAIT);
    }

    private Relay relay(String pile) {
        return Services.await(context, Relay.class, "(" + Relay.ID_PROPERTY + "=" + pile + ".relay)", WAIT);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().equals(symbolicName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }
}
