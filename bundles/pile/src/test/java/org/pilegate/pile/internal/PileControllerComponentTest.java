package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceEvent;
import org.pilegate.planner.FixedSitePlanner;
import org.pilegate.api.meter.FakeMeter;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.store.internal.StoreDatabases;

/**
 * A configured pile through its lifecycle as DS drives it, with the real depot (its lane run in place) on H2, its
 * meter and relay in the real device directory as DS binds the drivers' services, and its own service in a small
 * service registry.
 */
class PileControllerComponentTest {

    private static final Map<String, Object> PROPERTIES = Map.of("service.pid", "org.pilegate.pile~bay-07");
    private static final PileId BAY_07 = new PileId("bay-07");

    private final TestServiceRegistry registry = new TestServiceRegistry();
    private final DeviceDirectory devices = new DeviceDirectory();
    private final RecordingWatch watch = new RecordingWatch();
    private final FakeMeter meter = new FakeMeter("bay-07.meter");
    private final TestRelay relay = new TestRelay("bay-07.relay");
    private DataSource database;
    private DepotControlComponent depot;

    @BeforeEach
    void start() {
        database = StoreDatabases.h2();
        depot = new DepotControlComponent(database, Clock.systemUTC(), Runnable::run, FixedSitePlanner.unlimited());
    }

    @Test
    void activationOffersThePileUnderItsIdWithTheDepotAndWatchdogLookingAfterIt() {
        PileControllerComponent pile = activate(TestConfig.good());

        List<TestServiceRegistry.Service> offered = registry.registered(PileController.class);
        assertEquals(1, offered.size());
        assertSame(pile, offered.get(0).service());
        assertEquals("bay-07", offered.get(0).getProperty(PileController.ID_PROPERTY));
        assertEquals("bay-07.meter", offered.get(0).getProperty(PileController.METER_PROPERTY));
        assertEquals(BAY_07, pile.id());
        assertEquals(32, pile.maxCurrentA());
        assertEquals(1, watch.watched.size());
        assertEquals(PileState.UNAVAILABLE, done(depot.setAvailable(BAY_07, false)).state());
        assertEquals(PileState.UNAVAILABLE, pile.status().state(), "the depot governs the pile's own monitor");
    }

    @Test
    void aPileStoredOutOfServiceIsUnavailableBeforeAnyoneSeesIt() throws Exception {
        PileControllerComponent before = activate(TestConfig.good());
        done(depot.setAvailable(BAY_07, false));
        before.deactivate();
        depot = new DepotControlComponent(database, Clock.systemUTC(), Runnable::run, FixedSitePlanner.unlimited());
        List<PileState> whenOffered = new ArrayList<>();
        registry.context().addServiceListener(event -> {
            if (event.getType() == ServiceEvent.REGISTERED) {
                whenOffered.add(((PileController) registry.context().getService(event.getServiceReference())).status()
                        .state());
            }
        }, "(objectClass=" + PileController.class.getName() + ")");

        activate(TestConfig.good());

        assertEquals(List.of(PileState.UNAVAILABLE), whenOffered);
    }

    @Test
    void itFollowsItsOwnMeterAndRelayByIdWhicheverStartsFirst() throws Exception {
        FakeMeter neighbour = new FakeMeter("bay-08.meter");
        devices.addMeter(meter);
        devices.addMeter(neighbour);
        PileControllerComponent pile = activate(TestConfig.good());
        assertFalse(pile.devicesSeen());
        List<PileStatus> published = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = pile.subscribe(published::add);

        // the relay's driver starts after the pile
        devices.addRelay(relay);
        meter.read(1_234_000, 0);
        neighbour.read(99_000, 5_000);
        relay.plug(PlugState.B, Optional.of(new VehicleId("DE8AAEVCC1234")));

        assertTrue(pile.devicesSeen());
        assertEquals(1_234_000, pile.status().energyWh());
        assertEquals(PileState.PLUGGED, pile.status().state());
        assertEquals(Optional.of(new VehicleId("DE8AAEVCC1234")), pile.vehicle());
        assertEquals(0, neighbour.subscribers(), "another pile's meter is none of its business");
        assertEquals(PileState.PLUGGED, published.get(published.size() - 1).state());
        subscription.close();
        relay.plug(PlugState.A, Optional.empty());
        assertEquals(PileState.PLUGGED, published.get(published.size() - 1).state(), "unsubscribed");
    }

    @Test
    void chargingIsAdmittedByTheDepotAndCarriedOutByItsRelay() {
        PileControllerComponent pile = pluggedIn(TestConfig.good());
        pile.prompted();

        PileStatus charging = done(pile.charge(info(BAY_07), 1_234_000));

        assertEquals(PileState.CHARGING, charging.state());
        assertEquals(List.of(new RelayCommand.CloseContactor(32)), relay.commands);
        done(depot.limitCurrent(BAY_07, OptionalInt.of(16)));
        assertEquals(new RelayCommand.SetCurrentLimit(16), relay.last());
        done(pile.finish("stopped by the test"));
        assertEquals(new RelayCommand.OpenContactor(), relay.last());
        assertThrows(IllegalArgumentException.class, () -> pile.charge(info(new PileId("bay-08")), 0));
    }

    @Test
    void withItsRelayGoneThePileCannotCloseItsContactor() {
        devices.addRelay(relay);
        PileControllerComponent pile = pluggedIn(TestConfig.good());
        pile.prompted();

        devices.removeRelay(relay);

        assertEquals(0, relay.subscribers());
        CompletionException failed = assertThrows(CompletionException.class,
                () -> done(pile.charge(info(BAY_07), 1_234_000)));
        assertEquals("the relay of pile bay-07 did not close: relay bay-07.relay is not running",
                failed.getCause().getMessage());
        assertEquals(List.of(), relay.commands);
    }

    @Test
    void aChangedConfigurationAppliesInPlaceAndThePileGoesOn() {
        FakeMeter replacement = new FakeMeter("bay-07.meter-2");
        devices.addMeter(meter);
        devices.addMeter(replacement);
        PileControllerComponent pile = pluggedIn(TestConfig.good());
        List<TestServiceRegistry.Service> offered = registry.registered(PileController.class);

        pile.modified(TestConfig.good().withMeter(replacement.id()).withMaxCurrentA(16), PROPERTIES);

        assertEquals(0, meter.subscribers(), "the old meter is let go");
        assertEquals(1, replacement.subscribers());
        assertEquals(1, relay.subscribers(), "the relay is followed once, as before");
        replacement.read(1_300_000, 0);
        assertEquals(1_300_000, pile.status().energyWh());
        assertEquals(PileState.PLUGGED, pile.status().state());
        assertEquals(offered, registry.registered(PileController.class), "still offered, and only once");
        assertEquals(replacement.id(), offered.get(0).getProperty(PileController.METER_PROPERTY));
        assertEquals(16, pile.maxCurrentA());
        assertEquals("the current limit of pile bay-07 must be 6 to 16 A, not 20",
                refusal(depot.limitCurrent(BAY_07, OptionalInt.of(20))).getMessage(), "the depot knows the new maximum");
    }

    @Test
    void aConfigurationThatRenamesThePileIsRefusedAndTheRunningOneKept() {
        PileControllerComponent pile = pluggedIn(TestConfig.good());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> pile.modified(TestConfig.good().withId("bay-08").withMaxCurrentA(16), PROPERTIES));

        assertEquals("configuration org.pilegate.pile~bay-07: id: a pile's sessions are kept under its id, so it cannot"
                + " change from bay-07 to bay-08; delete this configuration and create one for bay-08",
                refused.getMessage());
        assertEquals(BAY_07, pile.id());
        assertEquals(32, pile.maxCurrentA());
    }

    @Test
    void aWrongValueIsRefusedNamingPidAndKeyAndTheLastGoodConfigurationStays() {
        PileControllerComponent pile = pluggedIn(TestConfig.good());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> pile.modified(TestConfig.good().withMeter("bay-07.meter-2").withMaxCurrentA(5), PROPERTIES));

        assertEquals("configuration org.pilegate.pile~bay-07: maxCurrentA: must be 6..1000 A, not 5",
                refused.getMessage());
        assertEquals(32, pile.maxCurrentA());
        assertEquals(1, meter.subscribers(), "still on its meter");
    }

    @Test
    void aWrongConfigurationIsRefusedAtActivationAndNothingIsLeftBehind() {
        devices.addMeter(meter);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> activate(TestConfig.good().withGraceMs(999)));

        assertEquals("configuration org.pilegate.pile~bay-07: graceMs: must be at least 1000 ms, not 999",
                refused.getMessage());
        assertNothingLeftBehind();
    }

    @Test
    void deactivationWithdrawsThePileAndGivesItsDevicesBack() {
        devices.addMeter(meter);
        devices.addRelay(relay);
        PileControllerComponent pile = activate(TestConfig.good());

        pile.deactivate();

        assertNothingLeftBehind();
    }

    @Test
    void aPileMadeByTheFactoryWithoutAConfigurationRunsAndGoesAsAConfiguredOne() {
        devices.addMeter(meter);
        devices.addRelay(relay);
        PileControllerComponent pile = new FactoryPileController(watch, depot, devices, registry.context(),
                TestConfig.good(), Map.of("pilegate.table", "pilegate-piles.csv"));

        assertSame(pile, registry.registered(PileController.class).get(0).service());
        assertEquals(1, meter.subscribers());
        assertEquals(1, watch.watched.size());

        pile.deactivate();
        assertNothingLeftBehind();
    }

    @Test
    void deviceIdsAreMatchedLiterally() {
        FakeMeter named = new FakeMeter("meter (bay 7)");
        devices.addMeter(meter);
        devices.addMeter(named);

        activate(TestConfig.good().withMeter("bay-07.*"));
        assertEquals(0, meter.subscribers(), "a '*' in an id is no wildcard");

        PileControllerComponent pile = activate(TestConfig.good().withId("bay-09").withMeter(named.id()));
        assertEquals(1, named.subscribers());
        assertEquals(new PileId("bay-09"), pile.id());
    }

    private void assertNothingLeftBehind() {
        assertEquals(List.of(), registry.registered(PileController.class));
        assertEquals(0, meter.subscribers());
        assertEquals(0, relay.subscribers());
        assertEquals(Set.of(), watch.watched);
        assertEquals("there is no pile bay-07 at this depot", refusal(depot.setAvailable(BAY_07, false)).getMessage());
    }

    private PileControllerComponent activate(TestConfig config) {
        Map<String, Object> properties = config.id().equals("bay-07") ? PROPERTIES
                : Map.of("service.pid", "org.pilegate.pile~" + config.id());
        return new PileControllerComponent(watch, depot, devices, registry.context(), config, properties);
    }

    /** The pile with its meter and relay, a vehicle plugged in. */
    private PileControllerComponent pluggedIn(TestConfig config) {
        devices.addMeter(meter);
        devices.addRelay(relay);
        PileControllerComponent pile = activate(config);
        meter.read(1_234_000, 0);
        relay.plug(PlugState.B, Optional.empty());
        assertEquals(PileState.PLUGGED, pile.status().state());
        return pile;
    }

    private static ChargingInfo info(PileId pile) {
        return new ChargingInfo(new SessionId("s-1"), pile, Optional.empty(), 32, Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** The depot runs its lane in place, so every stage is done when the call returns. */
    private static <T> T done(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        assertTrue(future.isDone(), "the depot's lane has run");
        return future.join();
    }

    private static IllegalArgumentException refusal(CompletionStage<?> stage) {
        CompletionException failed = assertThrows(CompletionException.class, () -> done(stage));
        return assertInstanceOf(IllegalArgumentException.class, failed.getCause());
    }

    /** The configuration as DS hands it over. */
    private record TestConfig(String id, String meter, String relay, int graceMs, int maxCurrentA, int phases,
            int voltageV, int idleFinishS) implements PileConfig {

        static TestConfig good() {
            return new TestConfig("bay-07", "bay-07.meter", "bay-07.relay", 10_000, 32, 3, 230, 900);
        }

        TestConfig withId(String changed) {
            return new TestConfig(changed, meter, relay, graceMs, maxCurrentA, phases, voltageV, idleFinishS);
        }

        TestConfig withMeter(String changed) {
            return new TestConfig(id, changed, relay, graceMs, maxCurrentA, phases, voltageV, idleFinishS);
        }

        TestConfig withGraceMs(int changed) {
            return new TestConfig(id, meter, relay, changed, maxCurrentA, phases, voltageV, idleFinishS);
        }

        TestConfig withMaxCurrentA(int changed) {
            return new TestConfig(id, meter, relay, graceMs, changed, phases, voltageV, idleFinishS);
        }

        @Override
        public String feeder() {
            return "grid";
        }

        @Override
        public String phaseRotation() {
            return "";
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return PileConfig.class;
        }
    }

    /** The watchdog as the pile sees it: the monitors it looks after. */
    private static final class RecordingWatch implements PileWatch {

        final Set<PileMonitor> watched = ConcurrentHashMap.newKeySet();

        @Override
        public void watch(PileMonitor monitor) {
            watched.add(monitor);
        }

        @Override
        public void forget(PileMonitor monitor) {
            watched.remove(monitor);
        }
    }

    /** A meter driver's service; the test reads it. */
    private static final class TestRelay implements Relay {

        final List<RelayCommand> commands = new CopyOnWriteArrayList<>();
        private final String id;
        private final List<Consumer<RelayState>> listeners = new CopyOnWriteArrayList<>();
        private volatile RelayState state = new RelayState(false, PlugState.A, Optional.empty(), 0, Instant.now());

        TestRelay(String id) {
            this.id = id;
        }

        void plug(PlugState plug, Optional<VehicleId> vehicle) {
            state = new RelayState(state.contactorClosed(), plug, vehicle, state.currentLimitA(), Instant.now());
            listeners.forEach(listener -> listener.accept(state));
        }

        RelayCommand last() {
            assertFalse(commands.isEmpty(), "the relay got no command");
            return commands.get(commands.size() - 1);
        }

        int subscribers() {
            return listeners.size();
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Optional<RelayState> latest() {
            return Optional.of(state);
        }

        @Override
        public boolean responsive() {
            return true;
        }

        @Override
        public CompletionStage<RelayState> execute(RelayCommand command) {
            commands.add(command);
            boolean closed = !(command instanceof RelayCommand.OpenContactor) && (state.contactorClosed()
                    || command instanceof RelayCommand.CloseContactor);
            int limitA = command instanceof RelayCommand.CloseContactor close ? close.currentLimitA()
                    : command instanceof RelayCommand.SetCurrentLimit limit ? limit.currentLimitA() : 0;
            state = new RelayState(closed, state.plugState(), state.vehicleId(), limitA, Instant.now());
            return CompletableFuture.completedFuture(state);
        }

        @Override
        public AutoCloseable subscribe(Consumer<RelayState> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
