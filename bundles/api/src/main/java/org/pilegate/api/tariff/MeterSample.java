package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the pile measured at one moment of a session. The sample describes the session until the next sample: its
 * power, current and charging flag hold until then, and the energy between two samples is the difference of their
 * registers.
 *
 * @param at when it was read
 * @param registerWh the meter's absolute import register, in Wh
 * @param powerW active power towards the vehicle, in W; empty where no reading says (then no power restriction of a
 *        tariff holds: unknown is not 0 W)
 * @param currentA the current summed over the phases, in A, if the meter reports it
 * @param charging whether energy was being delivered from this point on (TIME) rather than the vehicle only
 *        occupying the pile (PARKING_TIME)
 */
public record MeterSample(Instant at, long registerWh, OptionalLong powerW, OptionalInt currentA, boolean charging) {

    public MeterSample {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(powerW, "powerW");
        Objects.requireNonNull(currentA, "currentA");
        if (registerWh < 0) {
            throw new IllegalArgumentException("registerWh must not be negative, not " + registerWh);
        }
        if (powerW.isPresent() && powerW.getAsLong() < 0) {
            throw new IllegalArgumentException("powerW must not be negative, not " + powerW.getAsLong());
        }
        if (currentA.isPresent() && currentA.getAsInt() < 0) {
            throw new IllegalArgumentException("currentA must not be negative, not " + currentA.getAsInt());
        }
    }

    /** A sample whose power was read. */
    public MeterSample(Instant at, long registerWh, long powerW, OptionalInt currentA, boolean charging) {
        this(at, registerWh, OptionalLong.of(powerW), currentA, charging);
    }
}
