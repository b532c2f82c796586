package org.pilegate.api.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SteadyClockTest {

    @Test
    void distancesAreTheTimeThatPassedWhateverTheWallClockDoes() {
        AtomicLong nanos = new AtomicLong(-5_000_000_000L);
        Instant start = Instant.parse("2026-12-03T14:00:00Z");
        SteadyClock clock = SteadyClock.startingAt(Clock.fixed(start, ZoneOffset.UTC), nanos::get);
        Instant first = clock.instant();

        nanos.addAndGet(Duration.ofSeconds(90).toNanos());

        assertEquals(start, first);
        assertEquals(start.plusSeconds(90), clock.instant());
        assertEquals(Duration.ofSeconds(90), Duration.between(first, clock.instant()));
    }

    @Test
    void aCounterReadingTakenEarlierIsTheInstantOfThen() {
        AtomicLong nanos = new AtomicLong(7_000);
        Instant start = Instant.parse("2026-12-03T14:00:00Z");
        SteadyClock clock = SteadyClock.startingAt(Clock.fixed(start, ZoneOffset.UTC), nanos::get);
        long then = nanos.addAndGet(1_500);

        nanos.addAndGet(Duration.ofSeconds(3).toNanos());

        assertEquals(start.plusNanos(1_500), clock.at(then));
    }

    @Test
    void inAnotherZoneTheInstantsStayTheSame() {
        AtomicLong nanos = new AtomicLong();
        SteadyClock utc = SteadyClock.startingAt(Clock.fixed(Instant.parse("2026-12-03T14:00:00Z"), ZoneOffset.UTC),
                nanos::get);
        SteadyClock amsterdam = utc.withZone(ZoneId.of("Europe/Amsterdam"));
        nanos.addAndGet(1_000);

        assertEquals(utc.instant(), amsterdam.instant());
        assertEquals(ZoneId.of("Europe/Amsterdam"), amsterdam.getZone());
    }

    @Test
    void readsTheSystemWallClockOnceAndThenCountsOn() {
        SteadyClock clock = SteadyClock.system();
        Instant before = clock.instant();
        Instant after = clock.instant();

        assertEquals(true, !after.isBefore(before));
        assertEquals(true, Duration.between(Instant.now(), before).abs().compareTo(Duration.ofSeconds(5)) < 0);
    }
}
