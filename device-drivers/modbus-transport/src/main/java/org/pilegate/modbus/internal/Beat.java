package org.pilegate.modbus.internal;

import java.time.Duration;

import org.pilegate.modbus.ModbusEndpoint;

/**
 * Periodic work on an endpoint keeps the endpoint's beat: all its polls of one period fall due together, so the
 * endpoint serves them back to back in one wake-up instead of waking for each. Each endpoint's beat has its own
 * phase within the period, so that endpoints are not all served at the same instant. Public for the transport
 * benchmark, which times polls from when they fall due; the package is not exported.
 */
public final class Beat {

    /** Spreads endpoints' hash codes over the period (Fibonacci hashing). */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private Beat() {
    }

    /** @throws IllegalArgumentException unless {@code period} is positive: no beat would come */
    static void checkPeriod(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
    }

    /**
     * @param nowNanos a {@link System#nanoTime()} value
     * @return nanoseconds from {@code nowNanos} to the first beat of {@code endpoint} for {@code period} at or after
     *         {@code delay}
     */
    public static long nanosToFirstBeat(ModbusEndpoint endpoint, Duration delay, Duration period, long nowNanos) {
        long periodNanos = period.toNanos();
        long phase = Math.floorMod(endpoint.hashCode() * SPREAD, periodNanos);
        return delay.toNanos() + Math.floorMod(phase - (nowNanos + delay.toNanos()), periodNanos);
    }
}
