package org.pilegate.uplink.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.ToLongFunction;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;

/**
 * A charge record's {@code charging_periods}: the periods the session was priced in, each with its ENERGY, and its
 * TIME and PARKING_TIME where they are priced. A price that does not say its periods makes the whole session one
 * period, from the fee's lines. Times are rounded to the micro-hour so that the periods add up to the rounded total:
 * each ends at the total so far, rounded.
 */
final class ChargingPeriods {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);
    private static final int HOURS_SCALE = 6;

    private final List<PricedPeriod> periods;
    private final String tariffId;

    private ChargingPeriods(List<PricedPeriod> periods, String tariffId) {
        this.periods = periods;
        this.tariffId = tariffId;
    }

    static ChargingPeriods of(ChargingSession session, FeeNotice fee, PricedSession priced) {
        if (!priced.periods().isEmpty()) {
            return new ChargingPeriods(priced.periods(), priced.tariffId());
        }
        long energyWh = fee.lines().stream().anyMatch(line -> line.component() == FeeLine.Component.ENERGY)
                ? sum(fee, FeeLine.Component.ENERGY, FeeLine::quantity)
                : session.endEnergyWh().map(session::deliveredWh).orElse(0L);
        PricedPeriod whole = new PricedPeriod(session.startedAt(), OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), energyWh, sum(fee, FeeLine.Component.TIME, ChargingPeriods::seconds),
                sum(fee, FeeLine.Component.PARKING_TIME, ChargingPeriods::seconds));
        return new ChargingPeriods(List.of(whole), priced.tariffId());
    }

    long energyWh() {
        return periods.stream().mapToLong(PricedPeriod::energyWh).sum();
    }

    long parkingSeconds() {
        return periods.stream().mapToLong(PricedPeriod::parkingSeconds).sum();
    }

    void writeTo(ArrayNode node) {
        long charging = 0;
        long parking = 0;
        for (PricedPeriod period : periods) {
            ObjectNode entry = node.addObject();
            entry.put("start_date_time", period.start().toString());
            ArrayNode dimensions = entry.putArray("dimensions");
            dimension(dimensions, "ENERGY", BigDecimal.valueOf(period.energyWh(), 3));
            if (period.timeElement().isPresent() || period.chargingSeconds() > 0) {
                dimension(dimensions, "TIME", hoursBetween(charging, charging + period.chargingSeconds()));
            }
            if (period.parkingElement().isPresent() || period.parkingSeconds() > 0) {
                dimension(dimensions, "PARKING_TIME", hoursBetween(parking, parking + period.parkingSeconds()));
            }
            charging += period.chargingSeconds();
            parking += period.parkingSeconds();
            entry.put("tariff_id", tariffId);
        }
    }

    static BigDecimal inHours(long seconds) {
        return hours(seconds).stripTrailingZeros();
    }

    private static BigDecimal hoursBetween(long fromSeconds, long toSeconds) {
        return hours(toSeconds).subtract(hours(fromSeconds)).stripTrailingZeros();
    }

    private static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, HOURS_SCALE, RoundingMode.HALF_UP);
    }

    private static void dimension(ArrayNode dimensions, String type, BigDecimal volume) {
        ObjectNode dimension = dimensions.addObject();
        dimension.put("type", type);
        dimension.put("volume", volume);
    }

    private static long sum(FeeNotice fee, FeeLine.Component component, ToLongFunction<FeeLine> quantity) {
        return fee.lines().stream().filter(line -> line.component() == component).mapToLong(quantity).sum();
    }

    /** A time line's quantity in seconds; the tariff counts time in seconds (or minutes). */
    private static long seconds(FeeLine line) {
        return switch (line.unit()) {
            case "s" -> line.quantity();
            case "min" -> line.quantity() * 60;
            default -> throw new IllegalArgumentException("a " + line.component() + " line in '" + line.unit()
                    + "' is not a time");
        };
    }
}
