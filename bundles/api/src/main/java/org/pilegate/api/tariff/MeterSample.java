package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a session's timeline: the meter's absolute register and what the pile did then.
 *
 * @param at when it was read
 * @param registerWh the meter's absolute import register, in Wh
 * @param powerW active power towards the vehicle, in W
 * @param charging whether energy was being delivered from this point on (false: plugged in, parking)
 */
public record MeterSample(Instant at, long registerWh, long powerW, boolean charging) {

    public MeterSample {
        Objects.requireNonNull(at, "at");
        if (registerWh < 0) {
            throw new IllegalArgumentException("registerWh must not be negative: " + registerWh);
        }
    }
}
