package org.pilegate.meter.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.driver.testkit.Await;
import org.pilegate.driver.testkit.TestBundleContext;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.driver.testkit.TestSlave;
import org.pilegate.driver.testkit.TestTransport;
import org.pilegate.meter.modbus.ModbusMeter;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.internal.ModbusManagerImpl;

import com.ghgande.j2mod.modbus.ModbusException;

/** The meter component through its lifecycle, against the real transport and a Modbus TCP slave on 127.0.0.1. */
class ModbusMeterImplTest {

    private static final MeterProfile SDM630 = new ProfileCatalog(List.of()).meter("eastron-sdm630");

    private final TestSlave slave = new TestSlave();
    private final TestBundleContext framework = new TestBundleContext();
    private final List<MeterReading> published = new CopyOnWriteArrayList<>();
    private ModbusManagerImpl transport;
    private ModbusMeterImpl meter;

    @BeforeEach
    void startSlave() throws ModbusException {
        // the whole SDM630 map is read in one request, so every register up to the last point must exist
        slave.input(0, RegisterBlock.of(new int[80]));
        sdm630(MeterQuantity.VOLTAGE_L1_MV, 230_100).sdm630(MeterQuantity.VOLTAGE_L2_MV, 230_200)
                .sdm630(MeterQuantity.VOLTAGE_L3_MV, 230_300).sdm630(MeterQuantity.CURRENT_L1_MA, 16_000)
                .sdm630(MeterQuantity.CURRENT_L2_MA, 16_100).sdm630(MeterQuantity.CURRENT_L3_MA, 16_200)
                .sdm630(MeterQuantity.ACTIVE_POWER_W, 11_000).sdm630(MeterQuantity.ENERGY_IMPORT_WH, 1_234_000);
        slave.start();
        transport = TestTransport.start();
    }

    @AfterEach
    void stopAll() {
        if (meter != null) {
            meter.deactivate();
        }
        transport.close();
        slave.close();
    }

    private ModbusMeterImplTest sdm630(MeterQuantity quantity, long units) {
        slave.input(SDM630.points().get(quantity).address(), SDM630.points().get(quantity).fromUnits(units));
        return this;
    }

    private TestConfig<Config> config() {
        return TestConfig.of(Config.class, ModbusMeter.PID, "bay-07")
                .set("id", "bay-07.meter").set("host", "127.0.0.1").set("port", slave.port())
                .set("unitId", TestSlave.UNIT).set("pollIntervalMs", 50).set("staleAfterMs", 300);
    }

    private ModbusMeterImpl activate(TestConfig<Config> config) {
        meter = new ModbusMeterImpl(transport, framework.context(), config.annotation(), config.properties());
        meter.subscribe(published::add);
        return meter;
    }

    private MeterReading awaitReading(String what, java.util.function.Predicate<MeterReading> condition) {
        Await.until(what, () -> meter.latest().filter(condition).isPresent());
        return meter.latest().orElseThrow();
    }

    @Test
    void readingsArriveAsTheRegistersSayAndFollowThem() {
        activate(config());

        MeterReading first = awaitReading("a good reading", reading -> reading.quality() == ReadingQuality.GOOD);
        assertEquals(1_234_000, first.energyImportWh());
        assertEquals(11_000, first.activePowerW());
        assertEquals(Optional.of(new PhaseValues(230_100, 230_200, 230_300, 16_000, 16_100, 16_200)), first.phases());
        assertSame(meter, framework.service(Meter.class.getName(), Meter.ID_PROPERTY, "bay-07.meter").orElseThrow());

        // a step the maximum power (1 MW) can plausibly deliver between two polls
        sdm630(MeterQuantity.ENERGY_IMPORT_WH, 1_234_005);
        awaitReading("the new energy register", reading -> reading.energyImportWh() == 1_234_005);
        Await.until("subscribers to see it", () -> published.get(published.size() - 1).energyImportWh() == 1_234_005);
    }

    /**
     * Billing takes the first reading dated after the contactor opened as the session's last register, so a reading
     * must not be dated later than its energy register was asked for.
     */
    @Test
    void aReadingIsDatedNoLaterThanItsEnergyRegisterWasAskedFor() {
        ReadRequest energy = SDM630.points().get(MeterQuantity.ENERGY_IMPORT_WH).read(TestSlave.UNIT);
        AtomicReference<Instant> energyAsked = new AtomicReference<>(Instant.MIN);
        ModbusManager watched = (ModbusManager) Proxy.newProxyInstance(ModbusManager.class.getClassLoader(),
                new Class<?>[] {ModbusManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule") && energy.equals(args[1])) {
                        PollCallback meters = (PollCallback) args[3];
                        args[3] = new PollCallback() {
                            @Override
                            public void onData(DataBlock data, long queuedNanos) {
                                energyAsked.set(SteadyClock.system().at(queuedNanos));
                                meters.onData(data, queuedNanos);
                            }

                            @Override
                            public void onFailure(org.pilegate.modbus.ModbusException error) {
                                meters.onFailure(error);
                            }
                        };
                    }
                    try {
                        return method.invoke(transport, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<String> datedLater = new CopyOnWriteArrayList<>();
        TestConfig<Config> config = config();
        meter = new ModbusMeterImpl(watched, framework.context(), config.annotation(), config.properties());
        meter.subscribe(reading -> {
            if (reading.timestamp().isAfter(energyAsked.get())) {
                datedLater.add(reading.timestamp() + " after " + energyAsked.get());
            }
            published.add(reading);
        });

        Await.until("five readings", () -> published.size() >= 5);
        assertEquals(List.of(), datedLater);
    }

    @Test
    void silentMeterTurnsStaleWithTheLastGoodFigures() {
        activate(config());
        MeterReading good = awaitReading("a good reading", reading -> reading.quality() == ReadingQuality.GOOD);

        slave.stop();

        MeterReading stale = awaitReading("a STALE reading", reading -> reading.quality() == ReadingQuality.STALE);
        assertEquals(1_234_000, stale.energyImportWh());
        assertTrue(!stale.timestamp().isBefore(good.timestamp()), "figures keep the time they were last read");
        assertEquals(1, published.stream().filter(reading -> reading.quality() == ReadingQuality.STALE).count());
    }

    @Test
    void garbageIsPublishedInvalidWithTheLastGoodFigures() {
        activate(config());
        awaitReading("a good reading", reading -> reading.quality() == ReadingQuality.GOOD);

        slave.input(SDM630.points().get(MeterQuantity.ACTIVE_POWER_W).address(), RegisterBlock.of(0x7FC0, 0)); // NaN

        MeterReading invalid = awaitReading("an INVALID reading",
                reading -> reading.quality() == ReadingQuality.INVALID);
        assertEquals(11_000, invalid.activePowerW());
        assertEquals(1_234_000, invalid.energyImportWh());
    }

    @Test
    void modifiedKeepsTheReadingAndRepublishesUnderTheNewId() {
        activate(config());
        MeterReading good = awaitReading("a good reading", reading -> reading.quality() == ReadingQuality.GOOD);

        meter.modified(config().set("id", "bay-08.meter").set("pollIntervalMs", 40).annotation(),
                config().set("id", "bay-08.meter").set("pollIntervalMs", 40).properties());

        assertTrue(meter.latest().isPresent(), "the last reading survives reconfiguration");
        assertTrue(!meter.latest().orElseThrow().timestamp().isBefore(good.timestamp()));
        assertEquals("bay-08.meter", meter.id());
        assertSame(meter, framework.service(Meter.class.getName(), Meter.ID_PROPERTY, "bay-08.meter").orElseThrow());
        sdm630(MeterQuantity.ENERGY_IMPORT_WH, 1_234_005);
        awaitReading("readings under the new configuration", reading -> reading.energyImportWh() == 1_234_005);
    }

    @Test
    void invalidModificationKeepsTheRunningConfiguration() {
        activate(config());

        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> meter.modified(config().set("port", 0).annotation(), config().set("port", 0).properties()));

        assertEquals("configuration " + ModbusMeter.PID + "~bay-07: port: must be 1..65535, was 0", e.getMessage());
        sdm630(MeterQuantity.ENERGY_IMPORT_WH, 1_234_005);
        awaitReading("readings to go on", reading -> reading.energyImportWh() == 1_234_005);
    }

    @Test
    void invalidConfigurationFailsActivationAndRegistersNothing() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> activate(config().set("profile", "no-such-meter")));

        assertTrue(e.getMessage().startsWith("configuration " + ModbusMeter.PID + "~bay-07: profile: "),
                e.getMessage());
        assertEquals(List.of(), framework.registrations());
    }

    @Test
    void deactivateUnregistersTheMeter() {
        activate(config());
        awaitReading("a good reading", reading -> reading.quality() == ReadingQuality.GOOD);

        meter.deactivate();

        assertTrue(framework.registrations().get(0).unregistered());
        assertEquals(Optional.empty(), framework.service(Meter.class.getName(), Meter.ID_PROPERTY, "bay-07.meter"));
        meter = null;
    }

    @Test
    void customRegisterMapComesFromTheConfiguration() {
        // energy in 0.1 kWh as UINT32 low word first at holding 0x10, power as INT16 at holding 0x20
        slave.holding(0x10, RegisterBlock.of(12_345, 0)).holding(0x20, RegisterBlock.of(0xFF38)); // -200 W

        // the slave refuses reads of the unmapped registers between the two, as many devices do
        activate(config().set("profile", "custom").set("mergeGap", 0)
                .set("energy.address", "0x10").set("energy.type", "UINT32").set("energy.wordOrder", "CDAB")
                .set("energy.scale", "100")
                .set("power.address", "0x20").set("power.type", "INT16"));

        MeterReading reading = awaitReading("a good reading", r -> r.quality() == ReadingQuality.GOOD);
        assertEquals(1_234_500, reading.energyImportWh());
        assertEquals(-200, reading.activePowerW());
        assertEquals(Optional.empty(), reading.phases());
        assertEquals(2, meter.profile().points().size());
    }

    @Test
    void operatorProfilesComeFromKarafEtc(@TempDir Path etc) throws IOException {
        Files.createDirectories(etc.resolve("profiles/meter"));
        Files.writeString(etc.resolve("profiles/meter/site-meter.json"), """
                {"id": "site-meter", "description": "depot sub-meter", "source": "site wiring plan",
                 "points": {"ENERGY_IMPORT_WH": {"function": "READ_HOLDING_REGISTERS", "address": 100,
                                                 "type": "UINT32", "wordOrder": "ABCD", "scale": 1},
                            "ACTIVE_POWER_W": {"function": "READ_HOLDING_REGISTERS", "address": 102,
                                               "type": "INT32", "wordOrder": "ABCD", "scale": 1}}}""");
        slave.holding(100, RegisterBlock.of(0, 4_321, 0, 900));
        TestBundleContext karaf = new TestBundleContext(Map.of("karaf.etc", etc.toString()));
        TestConfig<Config> config = config().set("profile", "site-meter");

        meter = new ModbusMeterImpl(transport, karaf.context(), config.annotation(), config.properties());

        MeterReading reading = awaitReading("a good reading", r -> r.quality() == ReadingQuality.GOOD);
        assertEquals(4_321, reading.energyImportWh());
        assertEquals(900, reading.activePowerW());
    }
}
