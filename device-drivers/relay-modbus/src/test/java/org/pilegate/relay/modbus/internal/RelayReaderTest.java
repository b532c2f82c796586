package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.relay.modbus.internal.GenericController.GENERIC;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.modbus.RegisterBlock;

/** Reads of a pile controller with the generic relay's register map, through the real transport on 127.0.0.1. */
class RelayReaderTest {

    private static final Instant ASKED = Instant.parse("2026-12-04T00:00:00Z");

    private GenericController controller;
    private RelayReader reader;

    @BeforeEach
    void start() throws Exception {
        controller = new GenericController(new TestSlave().coil(0, true).input(0, RegisterBlock.of(1))
                .holding(0, RegisterBlock.of(16)).input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.C)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("DE8AAEVCC1234")))));
        reader = new RelayReader(controller.transport, controller.lane, Clock.fixed(ASKED, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void aReadShowsTheSignalsAndThePluggedInVehicleAsOfWhenItWasAskedFor() throws Exception {
        RelayState state = Await.result(reader.read(controller.device));

        assertEquals(new RelayState(true, PlugState.C, Optional.of(new VehicleId("DE8AAEVCC1234")), 16, ASKED),
                state);
    }

    @Test
    void aControllerHoldingGarbageForTheVehicleIdReportsNone() throws Exception {
        controller.slave.input(10, RegisterBlock.of(0x0102, 0x0304));

        assertEquals(Optional.empty(), Await.result(reader.read(controller.device)).vehicleId());
    }

    @Test
    void theAnswerIsTakenInTheRelaysLaneNeverOnTheTransportsThreads() throws Exception {
        CompletableFuture<String> decodedOn = new CompletableFuture<>();
        // asked from within the lane, so the answer cannot come before the test listens for it
        controller.lane.execute(() -> reader.read(controller.device)
                .whenComplete((state, error) -> decodedOn.complete(Thread.currentThread().getName())));

        String thread = Await.result(decodedOn);
        assertTrue(thread.startsWith("modbus-driver-"), thread);
    }
}
