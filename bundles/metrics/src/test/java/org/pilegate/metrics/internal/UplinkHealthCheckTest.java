package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.uplink.UplinkBacklog.Backlog;
import org.pilegate.metrics.HealthCheck.Result;
import org.pilegate.metrics.HealthCheck.Status;

class UplinkHealthCheckTest {

    private static final Instant OLDEST = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void sendsThatFailDegradeWithTheBacklogButNeverTakeTheGatewayDown() {
        Result result = new UplinkHealthCheck(() -> new Backlog(true, 120, 20, 48_000, Optional.of(OLDEST), 3, 7,
                Optional.of("TimeoutException: no broker"))).check();

        assertEquals(Status.DEGRADED, result.status());
        assertTrue(result.reason().contains("TimeoutException: no broker"), result.reason());
        assertTrue(result.reason().contains("120 event(s) waiting (20 billing, 48000 bytes), the oldest since "
                + OLDEST + ", 3 telemetry event(s) dropped"), result.reason());
    }

    @Test
    void aDrainedOutboxIsUp() {
        Result result = new UplinkHealthCheck(() -> new Backlog(true, 0, 0, 0, Optional.empty(), 0, 42,
                Optional.empty())).check();

        assertEquals(Status.UP, result.status());
        assertEquals("42 event(s) sent; 0 event(s) waiting (0 billing, 0 bytes)", result.reason());
    }

    @Test
    void anOutboxThatCannotBeReadDegrades() {
        Result result = new UplinkHealthCheck(() -> {
            throw new IllegalStateException("cannot read the uplink outbox");
        }).check();

        assertEquals(Status.DEGRADED, result.status());
    }

    @Test
    void withoutTheUplinkAllIsWell() {
        assertEquals(Status.UP, new UplinkHealthCheck().check().status());
    }
}
