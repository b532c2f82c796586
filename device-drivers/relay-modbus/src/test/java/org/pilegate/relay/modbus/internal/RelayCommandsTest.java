package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.relay.modbus.internal.GenericController.GENERIC;

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
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.modbus.RegisterBlock;

/** Commands to a pile controller with the generic relay's register map, through the real transport on 127.0.0.1. */
class RelayCommandsTest {

    private final List<RelayState> readBack = new CopyOnWriteArrayList<>();
    private GenericController controller;
    private RelayCommands commands;

    @BeforeEach
    void start() throws Exception {
        TestSlave slave = new TestSlave().coil(0, false).input(0, RegisterBlock.of(0)).holding(0, RegisterBlock.of(0))
                .input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.B)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.empty()));
        // the controller's program: the feedback contact follows the contactor coil
        slave.onCoilWrite(0, closed -> slave.input(0, RegisterBlock.of(closed ? 1 : 0)));
        controller = new GenericController(slave);
        commands = new RelayCommands(controller.transport, controller.lane,
                new RelayReader(controller.transport, controller.lane, Clock.systemUTC(), System::nanoTime), readBack::add);
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void aCloseIsWrittenThenReadBackAndEveryReadBackIsHeard() throws Exception {
        RelayState closed = Await.result(commands.execute(new RelayCommand.CloseContactor(16),
                () -> controller.device));

        assertTrue(closed.contactorClosed());
        assertEquals(16, closed.currentLimitA());
        assertTrue(controller.slave.coil(0));
        assertEquals(16, controller.slave.holding(0));
        assertEquals(closed, readBack.get(readBack.size() - 1));
    }

    @Test
    void theOutcomeOfACommandArrivesInTheRelaysLaneNeverOnTheTransportsThreads() throws Exception {
        CompletableFuture<String> heardOn = new CompletableFuture<>();
        // sent from within the lane, so the outcome cannot come before the test listens for it
        controller.lane.execute(() -> commands.execute(new RelayCommand.OpenContactor(), () -> controller.device)
                .whenComplete((state, error) -> heardOn.complete(Thread.currentThread().getName())));

        String thread = Await.result(heardOn);
        assertTrue(thread.startsWith("modbus-driver-"), thread);
    }

    @Test
    void aStoppedRelayCarriesOutNoCommand() throws Exception {
        commands.stop();

        Throwable refused = Await.failure(commands.execute(new RelayCommand.CloseContactor(16),
                () -> controller.device));

        assertEquals("relay bay-07.relay is deactivated; CloseContactor[currentLimitA=16] not carried out",
                refused.getMessage());
        assertFalse(controller.slave.coil(0));
    }
}
