package org.pilegate.relay.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.driver.testkit.TestConfig;
import org.pilegate.modbus.TcpEndpoint;
import org.pilegate.relay.modbus.ModbusRelay;

class RelaySettingsTest {

    private static final String PID = ModbusRelay.PID + "~bay-07";

    private final ProfileCatalog catalog = new ProfileCatalog(List.of());

    private static TestConfig<Config> config() {
        return TestConfig.of(Config.class, ModbusRelay.PID, "bay-07").set("id", "bay-07.relay")
                .set("host", "10.0.7.3");
    }

    private String problem(TestConfig<Config> config, ProfileCatalog catalog) {
        return assertThrows(InvalidConfigurationException.class,
                () -> RelaySettings.of(config.annotation(), config.properties(), catalog)).getMessage();
    }

    @Test
    void defaultsDriveTheGenericRelayTwiceASecond() {
        RelaySettings settings = RelaySettings.of(config().annotation(), config().properties(), catalog);

        assertEquals("bay-07.relay", settings.id());
        assertEquals(new TcpEndpoint("10.0.7.3", 502), settings.endpoint());
        assertEquals(1, settings.unitId());
        assertEquals("pilegate-generic-relay", settings.profile().id());
        assertEquals(Duration.ofMillis(500), settings.pollInterval());
        assertEquals(Duration.ofSeconds(5), settings.fullReadInterval());
        assertEquals(Optional.empty(), settings.timeout());
        assertEquals(Duration.ofSeconds(1), settings.settle());
    }

    @Test
    void problemsNameConfigurationKeyAndReason() {
        assertEquals("configuration " + PID + ": port: must be 1..65535, was -1",
                problem(config().set("port", -1), catalog));
        assertEquals("configuration " + PID + ": pollIntervalMs: must be 10 or more, was 0",
                problem(config().set("pollIntervalMs", 0), catalog));
        assertEquals("configuration " + PID + ": fullReadIntervalMs: must be 0 or more, was -1",
                problem(config().set("fullReadIntervalMs", -1), catalog));
        assertEquals("configuration " + PID + ": id: required, but missing or blank",
                problem(TestConfig.of(Config.class, ModbusRelay.PID, "bay-07").set("host", "h"), catalog));
        String unknown = problem(config().set("profile", "abb-relay"), catalog);
        assertTrue(unknown.startsWith("configuration " + PID + ": profile: ") && unknown.contains("known: ["),
                unknown);
    }

    @Test
    void aCurrentLimitThatCannotBeWrittenIsRefused(@TempDir Path etc) throws IOException {
        Files.createDirectories(etc.resolve("relay"));
        Files.writeString(etc.resolve("relay/read-only-limit.json"), """
                {"id": "read-only-limit", "description": "d", "source": "s",
                 "contactor": {"kind": "COIL", "address": 0, "onValue": 1, "offValue": 0},
                 "contactorFeedback": null,
                 "plugState": {"function": "READ_INPUT_REGISTERS", "address": 1, "type": "UINT16",
                               "wordOrder": "ABCD", "scale": 1},
                 "plugStates": {"1": "A", "2": "B"},
                 "vehicleId": null,
                 "currentLimit": {"function": "READ_INPUT_REGISTERS", "address": 2, "type": "UINT16",
                                  "wordOrder": "ABCD", "scale": 1}}""");

        assertEquals("configuration " + PID + ": profile: profile read-only-limit keeps its current limit in"
                + " READ_INPUT_REGISTERS, which cannot be written",
                problem(config().set("profile", "read-only-limit"), new ProfileCatalog(List.of(etc))));
    }
}
