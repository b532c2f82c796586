package org.pilegate.meter.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.meter.modbus.ModbusMeter;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.RegisterType;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.modbus.WordOrder;

class MeterSettingsTest {

    private static final String PID = ModbusMeter.PID + "~bay-07";

    private final ProfileCatalog catalog = new ProfileCatalog(List.of());

    private static TestConfig<Config> config() {
        return TestConfig.of(Config.class, ModbusMeter.PID, "bay-07").set("id", "bay-07.meter")
                .set("host", "10.0.7.2");
    }

    private MeterSettings settings(TestConfig<Config> config) {
        return MeterSettings.of(config.annotation(), config.properties(), catalog);
    }

    private String problem(TestConfig<Config> config) {
        return assertThrows(InvalidConfigurationException.class, () -> settings(config)).getMessage();
    }

    @Test
    void defaultsMakeAnSdm630PolledEverySecond() {
        MeterSettings settings = settings(config());

        assertEquals("bay-07.meter", settings.id());
        assertEquals(new TcpEndpoint("10.0.7.2", 502), settings.endpoint());
        assertEquals(1, settings.unitId());
        assertEquals("eastron-sdm630", settings.profile().id());
        assertEquals(Duration.ofSeconds(1), settings.pollInterval());
        assertEquals(Optional.empty(), settings.timeout());
        assertEquals(Duration.ofSeconds(3), settings.staleAfter());
    }

    @Test
    void problemsNameConfigurationKeyAndReason() {
        assertEquals("configuration " + PID + ": port: must be 1..65535, was 70000",
                problem(config().set("port", 70000)));
        assertEquals("configuration " + PID + ": id: required, but missing or blank", problem(config().set("id", " ")));
        assertEquals("configuration " + PID + ": unitId: must be 0..255, was 256", problem(config().set("unitId", 256)));
        assertEquals("configuration " + PID + ": staleAfterMs: must be longer than pollIntervalMs (1000), was 1000",
                problem(config().set("staleAfterMs", 1000)));
        assertEquals("configuration " + PID + ": host: set either host (Modbus TCP) or serialPort (Modbus RTU), one of them is required",
                problem(TestConfig.of(Config.class, ModbusMeter.PID, "bay-07").set("id", "m")));
    }

    @Test
    void unknownProfileListsTheKnownOnes() {
        String problem = problem(config().set("profile", "eastron-sdm999"));

        assertTrue(problem.startsWith("configuration " + PID + ": profile: "), problem);
        assertTrue(problem.contains("eastron-sdm999") && problem.contains("known: [") && problem.contains("sdm630"),
                problem);
        assertTrue(problem(config().set("profile", "Not An Id")).contains("profile: id must be lower-case"));
    }

    @Test
    void customProfileComesFromTheConfiguration() {
        MeterSettings settings = settings(config().set("profile", "custom")
                .set("energy.address", "0x0034").set("energy.type", "int32").set("energy.wordOrder", "cdab")
                .set("energy.scale", "100").set("energy.function", "input")
                .set("power.address", 40).set("power.type", "INT32").set("power.scale", "0.1"));

        assertEquals(new RegisterPoint(FunctionCode.READ_INPUT_REGISTERS, 0x34, RegisterType.INT32, WordOrder.CDAB,
                new BigDecimal("100")), settings.profile().points().get(MeterQuantity.ENERGY_IMPORT_WH));
        // function and word order default to holding registers, high word first
        assertEquals(new RegisterPoint(FunctionCode.READ_HOLDING_REGISTERS, 40, RegisterType.INT32, WordOrder.ABCD,
                new BigDecimal("0.1")), settings.profile().points().get(MeterQuantity.ACTIVE_POWER_W));
        assertEquals(2, settings.profile().points().size());
        assertEquals("configuration " + PID, settings.profile().source());
    }

    @Test
    void customProfileProblemsNameTheKey() {
        TestConfig<Config> custom = config().set("profile", "custom")
                .set("energy.address", 0).set("energy.type", "UINT32")
                .set("power.address", 2).set("power.type", "INT32");
        assertEquals(2, settings(custom).profile().points().get(MeterQuantity.ACTIVE_POWER_W).address());

        assertEquals("configuration " + PID + ": power.type: 'INT33' is not one of"
                + " [INT16, UINT16, INT32, UINT32, FLOAT32, INT64, UINT64, FLOAT64]",
                problem(custom.set("power.type", "INT33")));
        custom.set("power.type", "INT32");
        assertEquals("configuration " + PID + ": energy.scale: '0' is not a decimal number other than 0,"
                + " such as 1000 or 0.1", problem(custom.set("energy.scale", "0")));
        custom.set("energy.scale", "1");
        assertEquals("configuration " + PID + ": energy.function: 'coils' is not holding or input",
                problem(custom.set("energy.function", "coils")));
        custom.set("energy.function", "holding");
        assertEquals("configuration " + PID + ": energy.adress: unknown key; a quantity has the keys"
                + " [address, type, function, wordOrder, scale]", problem(custom.set("energy.adress", 4)));
    }

    @Test
    void customProfileNeedsEnergyPowerAndAllOrNoPhases() {
        assertEquals("configuration " + PID + ": energy.address: required with profile=custom",
                problem(config().set("profile", "custom").set("power.address", 2).set("power.type", "INT32")));
        assertEquals("configuration " + PID + ": power.address: missing, but [power.type] are set",
                problem(config().set("profile", "custom").set("energy.address", 0).set("energy.type", "UINT32")
                        .set("power.type", "INT32")));

        String partial = problem(config().set("profile", "custom")
                .set("energy.address", 0).set("energy.type", "UINT32")
                .set("power.address", 2).set("power.type", "INT32")
                .set("voltageL1.address", 10).set("voltageL1.type", "UINT16"));
        assertTrue(partial.endsWith("currentL1.address, currentL2.address, currentL3.address, voltageL2.address,"
                + " voltageL3.address: phase values need all six voltages and currents"), partial);
    }

    @Test
    void customKeysAreRefusedWithAProfile() {
        assertEquals("configuration " + PID + ": energy.address: only used with profile=custom, but profile is"
                + " eastron-sdm630", problem(config().set("energy.address", 0)));
    }
}
