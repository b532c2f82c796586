package org.pilegate.sim.internal;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;

/**
 * The building's other load behind the simulated site meter: a daily curve per phase, lowest ({@value #NIGHT} of the
 * peak) at 04:00 and at its peak at 16:00, plus up to {@value #NOISE} of the peak as noise on each reading. The day
 * may be shortened, so that its curve can be watched in minutes; it starts at the time of day the simulation starts.
 */
final class BaseLoadProfile {

    static final double NIGHT = 0.4;
    static final double NOISE = 0.05;
    private static final double LOWEST_HOUR = 4;

    private final PhaseCurrents peakA;
    private final long dayNanos;
    private final double startHour;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final SplittableRandom random;

    /**
     * @param startHour the hour of day (0..24) the simulated day is at when this starts
     * @param seed the noise's, so that a run can be repeated
     */
    BaseLoadProfile(PhaseCurrents peakA, Duration day, double startHour, LongSupplier nanoClock, long seed) {
        if (day.toMillis() < 1) {
            throw new IllegalArgumentException("a day must last at least 1 ms: " + day);
        }
        this.peakA = peakA;
        this.dayNanos = day.toNanos();
        this.startHour = startHour;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.random = new SplittableRandom(seed);
    }

    /** The highest current a phase can carry: the peak and the most noise. */
    long mostMa(Phase phase) {
        return Math.round(peakA.on(phase) * 1000 * (1 + NOISE));
    }

    /** The load on each of the site's phases now, in mA, L1 first. */
    synchronized long[] currentsMa() {
        double hour = (startHour + 24.0 * (nanoClock.getAsLong() - startNanos) / dayNanos) % 24;
        double curve = NIGHT + (1 - NIGHT) * (1 - Math.cos(2 * Math.PI * (hour - LOWEST_HOUR) / 24)) / 2;
        long[] currents = new long[Phase.values().length];
        for (Phase phase : Phase.values()) {
            double noise = NOISE * (2 * random.nextDouble() - 1);
            currents[phase.ordinal()] = Math.max(0, Math.round(peakA.on(phase) * 1000 * (curve + noise)));
        }
        return currents;
    }
}
