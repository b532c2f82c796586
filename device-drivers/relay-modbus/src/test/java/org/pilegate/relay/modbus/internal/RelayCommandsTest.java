package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.internal.ModbusManagerImpl;
import org.pilegate.relay.modbus.ModbusRelay;

/** Commands to a pile controller with the generic relay's register map, through the real transport on 127.0.0.1. */
class RelayCommandsTest {

    private static final ProfileCatalog CATALOG = new ProfileCatalog(List.of());
    private static final RelayProfile GENERIC = CATALOG.relay("pilegate-generic-relay");

    private final TestSlave slave = new TestSlave();
    private final List<RelayState> readBack = new CopyOnWriteArrayList<>();
    private ModbusManagerImpl transport;
    private DriverLane lane;
    private RelayCommands commands;
    private RelayDevice device;

    @BeforeEach
    void start() throws Exception {
        slave.coil(0, false).input(0, RegisterBlock.of(0)).holding(0, RegisterBlock.of(0))
                .input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.B)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.empty()));
        // the controller's program: the feedback contact follows the contactor coil
        slave.onCoilWrite(0, closed -> slave.input(0, RegisterBlock.of(closed ? 1 : 0)));
        slave.start();
        transport = TestTransport.start();
        lane = transport.lane("bay-07.relay");
        commands = new RelayCommands(transport, lane, new RelayReader(transport, lane, Clock.systemUTC()),
                readBack::add);
        TestConfig<Config> config = TestConfig.of(Config.class, ModbusRelay.PID, "bay-07")
                .set("id", "bay-07.relay").set("host", "127.0.0.1").set("port", slave.port())
                .set("unitId", TestSlave.UNIT).set("settleMs", 200);
        device = RelayDevice.of(RelaySettings.of(config.annotation(), config.properties(), CATALOG));
    }

    @AfterEach
    void stop() {
        lane.close();
        transport.close();
        slave.close();
    }

    @Test
    void aCloseIsWrittenThenReadBackAndEveryReadBackIsHeard() throws Exception {
        RelayState closed = Await.result(commands.execute(new RelayCommand.CloseContactor(16), () -> device));

        assertTrue(closed.contactorClosed());
        assertEquals(16, closed.currentLimitA());
        assertTrue(slave.coil(0));
        assertEquals(16, slave.holding(0));
        assertEquals(closed, readBack.get(readBack.size() - 1));
    }

    @Test
    void theOutcomeOfACommandArrivesInTheRelaysLaneNeverOnTheTransportsThreads() throws Exception {
        CompletableFuture<String> heardOn = new CompletableFuture<>();
        // sent from within the lane, so the outcome cannot come before the test listens for it
        lane.execute(() -> commands.execute(new RelayCommand.OpenContactor(), () -> device)
                .whenComplete((state, error) -> heardOn.complete(Thread.currentThread().getName())));

        String thread = Await.result(heardOn);
        assertTrue(thread.startsWith("modbus-driver-"), thread);
    }

    @Test
    void aStoppedRelayCarriesOutNoCommand() throws Exception {
        commands.stop();

        Throwable refused = Await.failure(commands.execute(new RelayCommand.CloseContactor(16), () -> device));

        assertEquals("relay bay-07.relay is deactivated; CloseContactor[currentLimitA=16] not carried out",
                refused.getMessage());
        assertFalse(slave.coil(0));
    }
}
