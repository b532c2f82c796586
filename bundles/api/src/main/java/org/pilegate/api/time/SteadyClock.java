package org.pilegate.api.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * A clock that reads the wall clock once and from then on only counts the monotonic clock on from there: the
 * distance between two of its instants is the time that really passed, whatever was done to the wall clock
 * meanwhile. Sessions, idle and silence detection and token lifetimes run on it, so a step of the wall clock (an
 * operator's correction, NTP stepping after a long outage) neither ends a session, nor bills an hour that did not
 * happen, nor faults a device that answers. Its instants stay off by a step taken after it started until the gateway
 * restarts; the monotonic clock follows NTP's gradual corrections, so it does not drift apart otherwise.
 */
public final class SteadyClock extends Clock {

    /** One for the whole gateway, so that the instants of all components agree with each other. */
    private static final SteadyClock SYSTEM = startingAt(Clock.systemUTC(), System::nanoTime);

    private final Instant anchor;
    private final long anchorNanos;
    private final LongSupplier nanoTime;
    private final ZoneId zone;

    private SteadyClock(Instant anchor, long anchorNanos, LongSupplier nanoTime, ZoneId zone) {
        this.anchor = anchor;
        this.anchorNanos = anchorNanos;
        this.nanoTime = nanoTime;
        this.zone = zone;
    }

    /** The gateway's: the system's wall clock read once, when first asked for, then {@link System#nanoTime()}. */
    public static SteadyClock system() {
        return SYSTEM;
    }

    /** Steady from {@code wall}'s instant now on, counting with {@code nanoTime}. */
    public static SteadyClock startingAt(Clock wall, LongSupplier nanoTime) {
        return new SteadyClock(wall.instant(), nanoTime.getAsLong(), nanoTime, wall.getZone());
    }

    @Override
    public Instant instant() {
        return anchor.plusNanos(nanoTime.getAsLong() - anchorNanos);
    }

    /** The instant at which the clock's nano counter read {@code nanos}, e.g. a time taken earlier by another part. */
    public Instant at(long nanos) {
        return anchor.plusNanos(nanos - anchorNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same steady instants, read in another zone. */
    @Override
    public SteadyClock withZone(ZoneId other) {
        return new SteadyClock(anchor, anchorNanos, nanoTime, other);
    }
}
