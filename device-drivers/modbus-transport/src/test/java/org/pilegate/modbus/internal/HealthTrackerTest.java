package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointHealth.State;

class HealthTrackerTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance() {
            now = now.plus(Duration.ofSeconds(1));
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final HealthTracker tracker = new HealthTracker("tcp://meter:502", clock);

    @Test
    void startsOkWithoutError() {
        assertEquals(new EndpointHealth(State.OK, Optional.empty(), clock.instant()), tracker.snapshot());
    }

    @Test
    void retryDegradesAndExhaustedRetriesGoDown() {
        clock.advance();
        tracker.retrying("timeout");
        Instant degradedAt = clock.instant();
        assertEquals(new EndpointHealth(State.DEGRADED, Optional.of("timeout"), degradedAt), tracker.snapshot());

        clock.advance();
        tracker.failed("refused");
        assertEquals(new EndpointHealth(State.DOWN, Optional.of("refused"), clock.instant()), tracker.snapshot());
    }

    @Test
    void staysDownWhileRetryingAndKeepsItsSince() {
        tracker.failed("refused");
        Instant downAt = clock.instant();
        clock.advance();
        tracker.retrying("still refused");
        tracker.failed("refused again");
        assertEquals(new EndpointHealth(State.DOWN, Optional.of("refused again"), downAt), tracker.snapshot());
    }

    @Test
    void successRecoversAndRemembersTheLastError() {
        tracker.failed("refused");
        clock.advance();
        tracker.succeeded();
        assertEquals(new EndpointHealth(State.OK, Optional.of("refused"), clock.instant()), tracker.snapshot());
    }

    @Test
    void anExceptionResponseProvesTheLinkWorks() {
        tracker.failed("refused");
        clock.advance();
        tracker.answeredWithError("slave exception 2");
        assertEquals(new EndpointHealth(State.DEGRADED, Optional.of("slave exception 2"), clock.instant()),
                tracker.snapshot());
    }
}
