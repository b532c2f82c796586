package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.relay.modbus.internal.GenericController.GENERIC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

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
    private static final Duration FULL_READ_INTERVAL = Duration.ofSeconds(5);

    private final AtomicLong nanoTime = new AtomicLong();
    private GenericController controller;
    private RelayReader reader;

    @BeforeEach
    void start() throws Exception {
        controller = new GenericController(new TestSlave().coil(0, true).input(0, RegisterBlock.of(1))
                .holding(0, RegisterBlock.of(16)).input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.C)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("DE8AAEVCC1234")))));
        reader = new RelayReader(controller.transport, controller.lane, Clock.fixed(ASKED, ZoneOffset.UTC),
                nanoTime::get);
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
    void aPollBetweenFullReadsReportsTheLimitAndVehicleLastReadAndReadsThePlugAndContactorAfresh() throws Exception {
        Await.result(reader.poll(controller.device));
        controller.slave.holding(0, RegisterBlock.of(10)).input(0, RegisterBlock.of(0))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("NL8BBBEVCC0001"))));
        nanoTime.addAndGet(FULL_READ_INTERVAL.toNanos() - 1);

        RelayState between = Await.result(reader.poll(controller.device));
        nanoTime.incrementAndGet();
        RelayState due = Await.result(reader.poll(controller.device));

        assertEquals(new RelayState(false, PlugState.C, Optional.of(new VehicleId("DE8AAEVCC1234")), 16, ASKED),
                between);
        assertEquals(new RelayState(false, PlugState.C, Optional.of(new VehicleId("NL8BBBEVCC0001")), 10, ASKED),
                due);
    }

    @Test
    void aVehiclePluggedInBetweenFullReadsHasItsIdReadAtOnceAndUntilTheControllerHasOne() throws Exception {
        controller.slave.input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.A)));
        Await.result(reader.poll(controller.device));
        controller.slave.input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.B)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.empty()));

        Optional<VehicleId> notYet = Await.result(reader.poll(controller.device)).vehicleId();
        controller.slave.input(10, GENERIC.vehicleId().orElseThrow()
                .encode(Optional.of(new VehicleId("NL8BBBEVCC0001"))));
        Optional<VehicleId> read = Await.result(reader.poll(controller.device)).vehicleId();

        assertEquals(Optional.empty(), notYet);
        assertEquals(Optional.of(new VehicleId("NL8BBBEVCC0001")), read);
    }

    @Test
    void aReadInFullAlwaysAsksForEverything() throws Exception {
        Await.result(reader.read(controller.device));
        controller.slave.holding(0, RegisterBlock.of(10));

        assertEquals(10, Await.result(reader.read(controller.device)).currentLimitA());
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
