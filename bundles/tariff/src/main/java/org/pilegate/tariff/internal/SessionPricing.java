package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine.Component;
import org.pilegate.tariff.SessionFee;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.internal.DimensionBilling.BilledRun;
import org.pilegate.tariff.internal.DimensionBilling.Billing;
import org.pilegate.tariff.internal.DimensionBilling.Usage;

/** Prices a session; the rules are stated on {@link org.pilegate.tariff.TariffCalculator}. */
public final class SessionPricing {

    /** Session time a TIME stretch billed beyond its use, by {@code element}: parking there is paid already. */
    private record PaidWindow(Instant from, Instant to, int element) {

        long overlapNanos(Segment segment) {
            Instant start = from.isAfter(segment.from()) ? from : segment.from();
            Instant end = to.isBefore(segment.to()) ? to : segment.to();
            return Math.max(0, Duration.between(start, end).toNanos());
        }
    }

    private final Tariff tariff;
    private final List<Segment> segments;
    private final List<SegmentConditions> conditions;

    private SessionPricing(Tariff tariff, ZoneId zone, SessionTimeline timeline) {
        this.tariff = tariff;
        this.segments = SessionSegments.of(tariff, zone, timeline);
        this.conditions = segments.stream()
                .map(segment -> SegmentConditions.at(segment, timeline.start(), zone))
                .toList();
    }

    public static SessionFee price(Tariff tariff, ZoneId zone, SessionTimeline timeline) {
        return new SessionPricing(tariff, zone, timeline).fee();
    }

    private SessionFee fee() {
        Billing energy = bill(Component.ENERGY, (segment, element) -> segment.energyWh());
        Billing time = bill(Component.TIME,
                (segment, element) -> segment.state().charging() ? segment.seconds() : BigDecimal.ZERO);
        List<PaidWindow> paid = paidWindows(time.runs());
        Billing parking = bill(Component.PARKING_TIME, (segment, element) -> parkedSeconds(segment, element, paid));
        List<BilledRun> runs = new ArrayList<>();
        flat().ifPresent(runs::add);
        Stream.of(energy, time, parking).forEach(billing -> runs.addAll(billing.runs()));
        return FeeAssembly.fee(tariff, runs, PricedPeriods.of(segments, energy, time, parking));
    }

    /** FLAT is billed once, by the element that prices it in the first segment where any element does. */
    private Optional<BilledRun> flat() {
        for (int i = 0; i < segments.size(); i++) {
            OptionalInt element = elementFor(Component.FLAT, conditions.get(i));
            if (element.isPresent()) {
                return Optional.of(new BilledRun(Component.FLAT, element.getAsInt(), 1, segments.get(i).to(),
                        BigDecimal.ZERO));
            }
        }
        return Optional.empty();
    }

    /** @param quantity what a segment adds to the dimension, given the element pricing it there */
    private Billing bill(Component dimension, BiFunction<Segment, OptionalInt, BigDecimal> quantity) {
        List<Usage> usages = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            OptionalInt element = elementFor(dimension, conditions.get(i));
            usages.add(new Usage(segments.get(i), element, quantity.apply(segments.get(i), element)));
        }
        return DimensionBilling.bill(tariff, dimension, usages);
    }

    /**
     * When a TIME stretch is rounded up, the extra time is the session time right after its last charging (OCPI
     * 2.2.1, step_size example "switching to different Tariff Element #1": parking within it is not billed again).
     */
    private static List<PaidWindow> paidWindows(List<BilledRun> time) {
        return time.stream()
                .filter(run -> run.roundedUp().signum() > 0)
                .map(run -> new PaidWindow(run.lastUseEnd(), run.lastUseEnd().plusNanos(
                        run.roundedUp().movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact()),
                        run.element()))
                .toList();
    }

    /**
     * Parking time, less what a paid window of the same element covers; parking priced by another element is
     * billed in full, as in the spec's complex tariff example.
     */
    private static BigDecimal parkedSeconds(Segment segment, OptionalInt element, List<PaidWindow> paid) {
        if (segment.state().charging()) {
            return BigDecimal.ZERO;
        }
        long nanos = segment.nanos();
        for (PaidWindow window : paid) {
            if (element.equals(OptionalInt.of(window.element()))) {
                nanos -= window.overlapNanos(segment);
            }
        }
        return BigDecimal.valueOf(Math.max(0, nanos), 9);
    }

    /** OCPI: the first element in order whose restrictions hold and that prices the dimension. */
    private OptionalInt elementFor(Component dimension, SegmentConditions at) {
        for (int i = 0; i < tariff.elements().size(); i++) {
            TariffElement element = tariff.elements().get(i);
            if (element.component(dimension).isPresent() && at.satisfy(element.restrictions())) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }
}
