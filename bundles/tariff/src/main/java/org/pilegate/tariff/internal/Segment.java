package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.pilegate.api.tariff.MeterSample;

/**
 * A stretch of a session in which nothing a tariff restriction looks at changes: one sample's state, on one side of
 * every time-of-day, date, duration and kWh boundary.
 *
 * @param from where it begins
 * @param to where it ends
 * @param energyFromWh energy since the session start at {@code from}, exact up to 34 digits
 * @param energyToWh energy since the session start at {@code to}
 * @param state the sample that holds throughout
 */
record Segment(Instant from, Instant to, BigDecimal energyFromWh, BigDecimal energyToWh, MeterSample state) {

    BigDecimal energyWh() {
        return energyToWh.subtract(energyFromWh);
    }

    long nanos() {
        return Duration.between(from, to).toNanos();
    }

    BigDecimal seconds() {
        return BigDecimal.valueOf(nanos(), 9);
    }

    boolean isEmpty() {
        return from.equals(to) && energyWh().signum() == 0;
    }
}
