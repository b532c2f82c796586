package org.pilegate.relay.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestBundleContext;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.relay.modbus.ModbusRelay;

import com.ghgande.j2mod.modbus.ModbusException;

/**
 * The relay component through its lifecycle, against the real transport and a Modbus TCP slave on 127.0.0.1 that
 * plays a pile controller with the generic relay's register map.
 */
class ModbusRelayImplTest {

    private static final RelayProfile GENERIC = new ProfileCatalog(List.of()).relay("pilegate-generic-relay");
    private static final int CONTACTOR_COIL = 0;
    private static final int FEEDBACK = 0;
    private static final int PLUG_STATE = 1;
    private static final int VEHICLE_ID = 10;
    private static final int CURRENT_LIMIT = 0;

    private final TestSlave slave = new TestSlave();
    private final TestBundleContext framework = new TestBundleContext();
    private final List<RelayState> published = new CopyOnWriteArrayList<>();
    private ModbusManagerImpl transport;
    private ModbusRelayImpl relay;

    @BeforeEach
    void startController() throws ModbusException {
        slave.coil(CONTACTOR_COIL, false)
                .input(FEEDBACK, RegisterBlock.of(0))
                .input(VEHICLE_ID, GENERIC.vehicleId().orElseThrow().encode(Optional.empty()))
                .holding(CURRENT_LIMIT, RegisterBlock.of(0));
        plug(PlugState.A);
        // the controller's program: the feedback contact follows the contactor coil
        slave.onCoilWrite(CONTACTOR_COIL, closed -> slave.input(FEEDBACK, RegisterBlock.of(closed ? 1 : 0)));
        slave.start();
        transport = TestTransport.start();
    }

    @AfterEach
    void stopAll() {
        if (relay != null) {
            relay.deactivate();
        }
        transport.close();
        slave.close();
    }

    private void plug(PlugState state) {
        slave.input(PLUG_STATE, RegisterBlock.of((int) GENERIC.rawOf(state)));
    }

    private TestConfig<Config> config() {
        return TestConfig.of(Config.class, ModbusRelay.PID, "bay-07")
                .set("id", "bay-07.relay").set("host", "127.0.0.1").set("port", slave.port())
                .set("unitId", TestSlave.UNIT).set("pollIntervalMs", 50).set("settleMs", 200);
    }

    private ModbusRelayImpl activate(TestConfig<Config> config) {
        relay = new ModbusRelayImpl(transport, framework.context(), config.annotation(), config.properties());
        relay.subscribe(published::add);
        return relay;
    }

    private RelayState awaitState(String what, Predicate<RelayState> condition) {
        Await.until(what, () -> relay.latest().filter(condition).isPresent());
        return relay.latest().orElseThrow();
    }

    @Test
    void pollsBetweenFullReadsAskTheControllerOnceForThePlugAndTheContactor() {
        activate(config().set("fullReadIntervalMs", 60_000));
        Await.until("ten polls", () -> published.size() >= 10);

        long requests = transport.metrics(new TcpEndpoint("127.0.0.1", slave.port())).requests();
        int polls = published.size();
        // the first, full read asks twice (signals, current limit); a poll may be under way
        assertTrue(requests <= polls + 2, requests + " requests for " + polls + " polls");
    }

    @Test
    void pollsPublishTheControllersState() {
        activate(config());

        RelayState state = awaitState("a first state", s -> true);
        assertEquals(new RelayState(false, PlugState.A, Optional.empty(), 0, state.timestamp()), state);
        assertTrue(relay.responsive());
        assertSame(relay, framework.service(Relay.class.getName(), Relay.ID_PROPERTY, "bay-07.relay").orElseThrow());
        Await.until("every poll to be published", () -> published.size() >= 3);
    }

    @Test
    void vehicleIdIsReadWhileAVehicleIsPlugged() {
        activate(config());
        awaitState("a first state", s -> true);

        slave.input(VEHICLE_ID, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("DE8AAEVCC1234"))));
        plug(PlugState.B);
        RelayState plugged = awaitState("the vehicle", s -> s.plugState() == PlugState.B);
        assertEquals(Optional.of(new VehicleId("DE8AAEVCC1234")), plugged.vehicleId());

        plug(PlugState.A);
        // the id registers still hold the old id, but without a vehicle they are not read
        assertEquals(Optional.empty(), awaitState("the vehicle gone", s -> s.plugState() == PlugState.A).vehicleId());
    }

    @Test
    void garbageVehicleIdReadsAsNoneAndPollingGoesOn() {
        activate(config());
        // control characters are no vehicle id
        slave.input(VEHICLE_ID, RegisterBlock.of(0x0102, 0x0304));
        plug(PlugState.C);

        RelayState state = awaitState("the vehicle", s -> s.plugState() == PlugState.C);
        assertEquals(Optional.empty(), state.vehicleId());
        int seen = published.size();
        Await.until("polls to go on", () -> published.size() > seen + 2);
        assertTrue(relay.responsive());
    }

    /**
     * Exception 4 (device failure) on the id block is a controller busy for a moment, not one without an id: a state
     * of a vehicle that cannot be identified would open a session nobody is prompted for.
     */
    @Test
    void aControllerBusyWithTheVehicleIdFailsThePollRatherThanReportingAVehicleWithoutId() {
        AtomicInteger busyAnswers = new AtomicInteger(3);
        ModbusManager busyAtFirst = (ModbusManager) Proxy.newProxyInstance(ModbusManager.class.getClassLoader(),
                new Class<?>[] {ModbusManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("read") && ((ReadRequest) args[1]).address() == VEHICLE_ID
                            && busyAnswers.getAndDecrement() > 0) {
                        return CompletableFuture.failedFuture(
                                new ModbusSlaveException(ModbusSlaveException.SLAVE_DEVICE_FAILURE));
                    }
                    try {
                        return method.invoke(transport, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        slave.input(VEHICLE_ID, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("DE8AAEVCC1234"))));
        plug(PlugState.B);
        TestConfig<Config> config = config();
        relay = new ModbusRelayImpl(busyAtFirst, framework.context(), config.annotation(), config.properties());
        relay.subscribe(published::add);

        awaitState("the vehicle identified", s -> s.vehicleId().isPresent());
        assertTrue(busyAnswers.get() < 0, "the id block was asked for through the busy answers");
        assertEquals(List.of(), published.stream().filter(s -> s.vehicleId().isEmpty()).toList(),
                "states of a vehicle without id");
    }

    @Test
    void closeAndOpenAreVerifiedByReadingTheFeedbackBack() throws Exception {
        activate(config());

        RelayState closed = Await.result(relay.execute(new RelayCommand.CloseContactor(16)));
        assertTrue(closed.contactorClosed());
        assertEquals(16, closed.currentLimitA());
        assertTrue(slave.coil(CONTACTOR_COIL));
        assertEquals(16, slave.holding(CURRENT_LIMIT));

        RelayState limited = Await.result(relay.execute(new RelayCommand.SetCurrentLimit(10)));
        assertEquals(10, limited.currentLimitA());
        assertTrue(limited.contactorClosed());

        RelayState open = Await.result(relay.execute(new RelayCommand.OpenContactor()));
        assertFalse(open.contactorClosed());
        assertFalse(slave.coil(CONTACTOR_COIL));
        Await.until("the verified state to be published", () -> published.contains(open));
    }

    @Test
    void aContactorThatDoesNotFollowFailsTheCommand() throws Exception {
        slave.onCoilWrite(CONTACTOR_COIL, closed -> { }); // welded open: the feedback never changes
        activate(config());

        Throwable failure = Await.failure(relay.execute(new RelayCommand.CloseContactor(16)));

        assertTrue(failure instanceof IllegalStateException, failure.toString());
        assertTrue(failure.getMessage().startsWith("relay bay-07.relay did not take CloseContactor[currentLimitA=16]:"
                + " after "), failure.getMessage());
        assertTrue(failure.getMessage().endsWith(" it reads contactor open, current limit 16 A"),
                failure.getMessage());
    }

    @Test
    void commandsToOneRelayRunOneAfterTheOther() throws Exception {
        activate(config());

        CompletionStage<RelayState> close = relay.execute(new RelayCommand.CloseContactor(16));
        CompletionStage<RelayState> open = relay.execute(new RelayCommand.OpenContactor());
        CompletionStage<RelayState> closeAgain = relay.execute(new RelayCommand.CloseContactor(20));

        // each is read back before the next is written, so each sees its own effect
        assertTrue(Await.result(close).contactorClosed());
        assertFalse(Await.result(open).contactorClosed());
        assertEquals(20, Await.result(closeAgain).currentLimitA());
        assertTrue(slave.coil(CONTACTOR_COIL));
    }

    @Test
    void phoenixControllerIsVerifiedThroughItsEnableCoil() throws Exception {
        slave.coil(400, false).input(100, RegisterBlock.of('B')).holding(300, RegisterBlock.of(6));
        activate(config().set("profile", "phoenix-em-cp-pp-eth"));

        assertEquals(PlugState.B, awaitState("a first state", s -> true).plugState());
        RelayState closed = Await.result(relay.execute(new RelayCommand.CloseContactor(16)));

        assertTrue(closed.contactorClosed());
        assertTrue(slave.coil(400));
        assertEquals(16, slave.holding(300));
    }

    @Test
    void silentControllerIsUnresponsiveAndCommandsFail() throws Exception {
        activate(config());
        awaitState("a first state", s -> true);

        slave.stop();

        Await.until("the relay to be unresponsive", () -> !relay.responsive());
        assertTrue(relay.latest().isPresent(), "the last state is kept");
        assertTrue(Await.failure(relay.execute(new RelayCommand.OpenContactor())) instanceof Exception);
    }

    @Test
    void modifiedKeepsTheStateAndRepublishesUnderTheNewId() {
        activate(config());
        awaitState("a first state", s -> true);

        relay.modified(config().set("id", "bay-08.relay").annotation(),
                config().set("id", "bay-08.relay").properties());

        assertTrue(relay.latest().isPresent());
        assertSame(relay, framework.service(Relay.class.getName(), Relay.ID_PROPERTY, "bay-08.relay").orElseThrow());
        plug(PlugState.B);
        awaitState("polls under the new configuration", s -> s.plugState() == PlugState.B);
    }

    @Test
    void invalidConfigurationFailsActivationAndRegistersNothing() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> activate(config().set("unitId", 300)));

        assertEquals("configuration " + ModbusRelay.PID + "~bay-07: unitId: must be 0..255, was 300", e.getMessage());
        assertEquals(List.of(), framework.registrations());
    }

    @Test
    void deactivateUnregistersTheRelayAndRefusesCommands() throws Exception {
        activate(config());

        relay.deactivate();

        assertTrue(framework.registrations().get(0).unregistered());
        assertEquals(Optional.empty(), framework.service(Relay.class.getName(), Relay.ID_PROPERTY, "bay-07.relay"));
        Throwable refused = Await.failure(relay.execute(new RelayCommand.CloseContactor(16)));
        assertEquals("relay bay-07.relay is deactivated; CloseContactor[currentLimitA=16] not carried out",
                refused.getMessage());
        assertFalse(slave.coil(CONTACTOR_COIL));
        relay = null;
    }
}
