package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointHealth.State;

class HealthTrackerTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final HealthTracker tracker = new HealthTracker("tcp://meter:502", clock);

    @Test
    void startsOkWithoutError() {
        assertEquals(new EndpointHealth(State.OK, Optional.empty(), clock.instant()), tracker.snapshot());
    }

    @Test
    void retryDegradesAndExhaustedRetriesGoDown() {
        clock.advance(Duration.ofSeconds(1));
        tracker.retrying("timeout");
        Instant degradedAt = clock.instant();
        assertEquals(new EndpointHealth(State.DEGRADED, Optional.of("timeout"), degradedAt), tracker.snapshot());

        clock.advance(Duration.ofSeconds(1));
        tracker.failed("refused");
        assertEquals(new EndpointHealth(State.DOWN, Optional.of("refused"), clock.instant()), tracker.snapshot());
    }

    @Test
    void staysDownWhileRetryingAndKeepsItsSince() {
        tracker.failed("refused");
        Instant downAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        tracker.retrying("still refused");
        tracker.failed("refused again");
        assertEquals(new EndpointHealth(State.DOWN, Optional.of("refused again"), downAt), tracker.snapshot());
    }

    @Test
    void successRecoversAndRemembersTheLastError() {
        tracker.failed("refused");
        clock.advance(Duration.ofSeconds(1));
        tracker.succeeded();
        assertEquals(new EndpointHealth(State.OK, Optional.of("refused"), clock.instant()), tracker.snapshot());
    }

    @Test
    void anExceptionResponseProvesTheLinkWorks() {
        tracker.failed("refused");
        clock.advance(Duration.ofSeconds(1));
        tracker.answeredWithError("slave exception 2");
        assertEquals(new EndpointHealth(State.DEGRADED, Optional.of("slave exception 2"), clock.instant()),
                tracker.snapshot());
    }
}
