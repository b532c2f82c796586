package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

import org.pilegate.api.tariff.MeterSample;
import org.pilegate.tariff.TariffRestrictions;

/**
 * What the restrictions are checked against: the state at a segment's start, which holds for the whole segment.
 *
 * @param local the site's wall-clock time
 * @param energyWh energy since the session start
 * @param sinceStart time since the session start
 * @param state the sample in force
 */
record SegmentConditions(LocalDateTime local, BigDecimal energyWh, Duration sinceStart, MeterSample state) {

    static SegmentConditions at(Segment segment, Instant sessionStart, ZoneId zone) {
        return new SegmentConditions(segment.from().atZone(zone).toLocalDateTime(), segment.energyFromWh(),
                Duration.between(sessionStart, segment.from()), segment.state());
    }

    /**
     * Whether every restriction given holds; a current or power restriction never holds when the current or power is
     * unknown (unknown is not 0 W).
     */
    boolean satisfy(TariffRestrictions r) {
        return withinTimeOfDay(r, local.toLocalTime())
                && r.startDate().map(date -> !local.toLocalDate().isBefore(date)).orElse(true)
                && r.endDate().map(date -> local.toLocalDate().isBefore(date)).orElse(true)
                && (r.daysOfWeek().isEmpty() || r.daysOfWeek().contains(local.getDayOfWeek()))
                && within(energyWh.movePointLeft(3), r.minKwh(), r.maxKwh())
                && powerWithin(r, state)
                && within(seconds(sinceStart), r.minDuration().map(SegmentConditions::seconds),
                        r.maxDuration().map(SegmentConditions::seconds))
                && currentWithin(r, state);
    }

    /** Whether the sample's power is within the restriction's, which an unknown power is not. */
    static boolean powerWithin(TariffRestrictions r, MeterSample state) {
        if (r.minPower().isEmpty() && r.maxPower().isEmpty()) {
            return true;
        }
        return state.powerW().isPresent()
                && within(BigDecimal.valueOf(state.powerW().getAsLong()).movePointLeft(3), r.minPower(), r.maxPower());
    }

    /** Whether the sample's current is within the restriction's, which an unknown current is not. */
    static boolean currentWithin(TariffRestrictions r, MeterSample state) {
        if (r.minCurrent().isEmpty() && r.maxCurrent().isEmpty()) {
            return true;
        }
        return state.currentA().isPresent()
                && within(BigDecimal.valueOf(state.currentA().getAsInt()), r.minCurrent(), r.maxCurrent());
    }

    private static boolean withinTimeOfDay(TariffRestrictions r, LocalTime time) {
        boolean afterStart = r.startTime().map(start -> !time.isBefore(start)).orElse(true);
        boolean beforeEnd = r.endTime().map(time::isBefore).orElse(true);
        boolean spansMidnight = r.startTime().isPresent() && r.endTime().isPresent()
                && r.endTime().get().isBefore(r.startTime().get());
        return spansMidnight ? afterStart || beforeEnd : afterStart && beforeEnd;
    }

    private static boolean within(BigDecimal value, Optional<BigDecimal> min, Optional<BigDecimal> max) {
        return min.map(bound -> value.compareTo(bound) >= 0).orElse(true)
                && max.map(bound -> value.compareTo(bound) < 0).orElse(true);
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9);
    }
}
