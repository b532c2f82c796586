package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    @Test
    void theConfigurationIsTakenInItsUnits() {
        SessionSettings settings = SessionSettings.checked(new TestSessionConfig(5_000, 300, 250, 64));

        assertEquals(new SessionSettings(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMillis(250), 64),
                settings);
    }

    @Test
    void eachSettingMayBeAtItsLeast() {
        SessionSettings least = SessionSettings.checked(new TestSessionConfig(200, 10, 10, 1));

        assertEquals(Duration.ofMillis(200), least.statusInterval());
        assertEquals(Duration.ofSeconds(10), least.promptLifetime());
        assertEquals(Duration.ofMillis(10), least.admissionBacklog());
        assertEquals(1, least.heldStatusBudgetMiB());
    }

    @Test
    void aSettingBelowItsLeastRefusesTheConfigurationNamingIt() {
        assertEquals("configuration org.pilegate.session: statusIntervalMs: must be at least 200 ms, not 199",
                refusal(new TestSessionConfig(199, 300, 250, 64)));
        assertEquals("configuration org.pilegate.session: promptLifetimeS: must be at least 10 s, not 9",
                refusal(new TestSessionConfig(5_000, 9, 250, 64)));
        assertEquals("configuration org.pilegate.session: admissionBacklogMs: must be at least 10 ms, not 0",
                refusal(new TestSessionConfig(5_000, 300, 0, 64)));
        assertEquals("configuration org.pilegate.session: heldStatusBudgetMiB: must be at least 1 MiB, not 0",
                refusal(new TestSessionConfig(5_000, 300, 250, 0)));
    }

    private static String refusal(SessionConfig config) {
        return assertThrows(IllegalArgumentException.class, () -> SessionSettings.checked(config)).getMessage();
    }
}
