package org.pilegate.tariff;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a tariff element applies (OCPI TariffRestrictions, without reservations). Every restriction given must hold.
 * Times and dates are local to the site. Lower bounds are inclusive and upper bounds exclusive, as OCPI says of
 * end_date, min/max_kwh and min/max_duration; pilegate reads min/max_current and min/max_power the same way.
 *
 * @param startTime valid from this time of day; with {@code endTime} before it, the window spans midnight
 * @param endTime valid until this time of day
 * @param startDate valid from this day
 * @param endDate valid until this day (exclusive)
 * @param minKwh valid from this energy, counted from the session start
 * @param maxKwh valid until this energy
 * @param minCurrent valid from this current, summed over the phases, in A
 * @param maxCurrent valid below this current, in A
 * @param minPower valid from this power, in kW
 * @param maxPower valid below this power, in kW
 * @param minDuration valid from this long after the session start
 * @param maxDuration valid until this long after the session start
 * @param daysOfWeek valid on these days; empty for every day
 */
public record TariffRestrictions(
        Optional<LocalTime> startTime,
        Optional<LocalTime> endTime,
        Optional<LocalDate> startDate,
        Optional<LocalDate> endDate,
        Optional<BigDecimal> minKwh,
        Optional<BigDecimal> maxKwh,
        Optional<BigDecimal> minCurrent,
        Optional<BigDecimal> maxCurrent,
        Optional<BigDecimal> minPower,
        Optional<BigDecimal> maxPower,
        Optional<Duration> minDuration,
        Optional<Duration> maxDuration,
        Set<DayOfWeek> daysOfWeek) {

    /** No restriction: the element always applies. */
    public static final TariffRestrictions NONE = new TariffRestrictions(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Set.of());

    public TariffRestrictions {
        if (startTime.isPresent() && startTime.equals(endTime)) {
            throw new IllegalArgumentException("start_time and end_time are both " + startTime.get()
                    + ": the window would be empty");
        }
        if (startDate.isPresent() && endDate.isPresent() && !startDate.get().isBefore(endDate.get())) {
            throw new IllegalArgumentException("start_date " + startDate.get() + " must be before end_date "
                    + endDate.get() + " (exclusive)");
        }
        checkRange("min_kwh", minKwh, "max_kwh", maxKwh);
        checkRange("min_current", minCurrent, "max_current", maxCurrent);
        checkRange("min_power", minPower, "max_power", maxPower);
        checkRange("min_duration", minDuration.map(TariffRestrictions::seconds), "max_duration",
                maxDuration.map(TariffRestrictions::seconds));
        daysOfWeek = Set.copyOf(daysOfWeek);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros();
    }

    private static void checkRange(String minName, Optional<BigDecimal> min, String maxName,
            Optional<BigDecimal> max) {
        Objects.requireNonNull(min, minName);
        Objects.requireNonNull(max, maxName);
        min.filter(value -> value.signum() < 0).ifPresent(value -> {
            throw new IllegalArgumentException(minName + " must not be negative, not " + value.toPlainString());
        });
        max.filter(value -> value.signum() <= 0).ifPresent(value -> {
            throw new IllegalArgumentException(maxName + " must be positive, not " + value.toPlainString());
        });
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) >= 0) {
            throw new IllegalArgumentException(minName + " " + min.get().toPlainString() + " must be below "
                    + maxName + " " + max.get().toPlainString());
        }
    }
}
