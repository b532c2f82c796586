package org.pilegate.relay.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.relay.PlugState;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
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

/** Reads of a pile controller with the generic relay's register map, through the real transport on 127.0.0.1. */
class RelayReaderTest {

    private static final ProfileCatalog CATALOG = new ProfileCatalog(List.of());
    private static final RelayProfile GENERIC = CATALOG.relay("pilegate-generic-relay");
    private static final Instant ASKED = Instant.parse("2026-12-04T00:00:00Z");

    private final TestSlave slave = new TestSlave();
    private ModbusManagerImpl transport;
    private DriverLane lane;
    private RelayReader reader;
    private RelayDevice device;

    @BeforeEach
    void start() throws Exception {
        slave.coil(0, true).input(0, RegisterBlock.of(1)).holding(0, RegisterBlock.of(16))
                .input(1, RegisterBlock.of((int) GENERIC.rawOf(PlugState.C)))
                .input(10, GENERIC.vehicleId().orElseThrow().encode(Optional.of(new VehicleId("DE8AAEVCC1234"))));
        slave.start();
        transport = TestTransport.start();
        lane = transport.lane("bay-07.relay");
        reader = new RelayReader(transport, lane, Clock.fixed(ASKED, ZoneOffset.UTC));
        TestConfig<Config> config = TestConfig.of(Config.class, ModbusRelay.PID, "bay-07")
                .set("id", "bay-07.relay").set("host", "127.0.0.1").set("port", slave.port())
                .set("unitId", TestSlave.UNIT);
        device = RelayDevice.of(RelaySettings.of(config.annotation(), config.properties(), CATALOG));
    }

    @AfterEach
    void stop() {
        lane.close();
        transport.close();
        slave.close();
    }

    @Test
    void aReadShowsTheSignalsAndThePluggedInVehicleAsOfWhenItWasAskedFor() throws Exception {
        RelayState state = Await.result(reader.read(device));

        assertEquals(new RelayState(true, PlugState.C, Optional.of(new VehicleId("DE8AAEVCC1234")), 16, ASKED),
                state);
    }

    @Test
    void aControllerHoldingGarbageForTheVehicleIdReportsNone() throws Exception {
        slave.input(10, RegisterBlock.of(0x0102, 0x0304));

        assertEquals(Optional.empty(), Await.result(reader.read(device)).vehicleId());
    }

    @Test
    void theAnswerIsTakenInTheRelaysLaneNeverOnTheTransportsThreads() throws Exception {
        CompletableFuture<String> decodedOn = new CompletableFuture<>();
        // asked from within the lane, so the answer cannot come before the test listens for it
        lane.execute(() -> reader.read(device)
                .whenComplete((state, error) -> decodedOn.complete(Thread.currentThread().getName())));

        String thread = Await.result(decodedOn);
        assertTrue(thread.startsWith("modbus-driver-"), thread);
    }
}
