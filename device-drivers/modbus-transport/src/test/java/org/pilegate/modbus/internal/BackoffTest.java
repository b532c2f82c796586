package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ReconnectPolicy;

class BackoffTest {

    private static final EndpointSettings SETTINGS = new EndpointSettings(Duration.ofSeconds(1), Duration.ZERO, 10,
            Duration.ofMillis(100), Duration.ofMillis(1000), ReconnectPolicy.keepOpen(Duration.ofMinutes(1)));

    @Test
    void doublesPerRetryWithinTheUpperHalfOfEachStep() {
        assertEquals(Duration.ofMillis(50), Backoff.delay(SETTINGS, 1, 0.0));
        assertEquals(Duration.ofMillis(75), Backoff.delay(SETTINGS, 1, 0.5));
        assertEquals(Duration.ofMillis(100), Backoff.delay(SETTINGS, 2, 0.0));
        assertEquals(Duration.ofMillis(200), Backoff.delay(SETTINGS, 3, 0.0));
        assertEquals(Duration.ofMillis(400), Backoff.delay(SETTINGS, 4, 0.0));
    }

    @Test
    void neverExceedsTheMaximum() {
        assertEquals(Duration.ofMillis(500), Backoff.delay(SETTINGS, 5, 0.0));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(SETTINGS, 5, 1.0));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(SETTINGS, Integer.MAX_VALUE, 1.0));
    }

    @Test
    void retriesCountFromOne() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.delay(SETTINGS, 0, 0.5));
    }
}
