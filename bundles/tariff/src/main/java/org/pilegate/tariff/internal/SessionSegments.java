package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

/**
 * Cuts a session into {@link Segment}s at every point where a restriction of the tariff may start or stop holding:
 * the samples, each start_time/end_time and local midnight (dates, days of the week), the zone's offset changes,
 * min/max_duration after the start and min/max_kwh of energy.
 * <p>
 * Between two samples the energy is taken to flow evenly: a time boundary gets the linearly interpolated energy,
 * a kWh boundary the linearly interpolated instant (to the nanosecond, half up), so that energy is split exactly
 * where a boundary falls.
 */
final class SessionSegments {

    /** Interpolated energy is exact to 34 significant digits, far below the Wh the bill counts in. */
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private SessionSegments() {
    }

    /** The segments in time order; never empty (an empty session is one empty segment at its start). */
    static List<Segment> of(Tariff tariff, ZoneId zone, SessionTimeline timeline) {
        NavigableSet<Instant> timeCuts = timeCuts(tariff, zone, timeline.start(), timeline.start(), timeline.end());
        NavigableSet<BigDecimal> energyCuts = energyCutsWh(tariff);
        List<Segment> segments = new ArrayList<>();
        for (Segment piece : betweenSamples(timeline)) {
            for (Segment byTime : cutAtTimes(piece, timeCuts)) {
                cutAtEnergies(byTime, energyCuts).stream().filter(segment -> !segment.isEmpty())
                        .forEach(segments::add);
            }
        }
        if (segments.isEmpty()) {
            segments.add(new Segment(timeline.start(), timeline.start(), BigDecimal.ZERO, BigDecimal.ZERO,
                    timeline.samples().get(0)));
        }
        return segments;
    }

    private static List<Segment> betweenSamples(SessionTimeline timeline) {
        List<MeterSample> samples = timeline.samples();
        long base = samples.get(0).registerWh();
        List<Segment> pieces = new ArrayList<>();
        pieces.add(new Segment(timeline.start(), samples.get(0).at(), BigDecimal.ZERO, BigDecimal.ZERO,
                samples.get(0)));
        for (int i = 0; i + 1 < samples.size(); i++) {
            MeterSample sample = samples.get(i);
            MeterSample next = samples.get(i + 1);
            pieces.add(new Segment(sample.at(), next.at(), BigDecimal.valueOf(sample.registerWh() - base),
                    BigDecimal.valueOf(next.registerWh() - base), sample));
        }
        MeterSample last = samples.get(samples.size() - 1);
        BigDecimal total = BigDecimal.valueOf(last.registerWh() - base);
        pieces.add(new Segment(last.at(), timeline.end(), total, total, last));
        return pieces;
    }

    private static List<Segment> cutAtTimes(Segment piece, NavigableSet<Instant> cuts) {
        List<Segment> parts = new ArrayList<>();
        Segment rest = piece;
        BigDecimal nanos = BigDecimal.valueOf(piece.nanos());
        for (Instant cut : cuts.subSet(piece.from(), false, piece.to(), false)) {
            BigDecimal elapsed = BigDecimal.valueOf(Duration.between(piece.from(), cut).toNanos());
            BigDecimal energy = piece.energyFromWh()
                    .add(piece.energyWh().multiply(elapsed).divide(nanos, PRECISION));
            parts.add(new Segment(rest.from(), cut, rest.energyFromWh(), energy, piece.state()));
            rest = new Segment(cut, piece.to(), energy, piece.energyToWh(), piece.state());
        }
        parts.add(rest);
        return parts;
    }

    private static List<Segment> cutAtEnergies(Segment piece, NavigableSet<BigDecimal> cutsWh) {
        List<Segment> parts = new ArrayList<>();
        Segment rest = piece;
        BigDecimal nanos = BigDecimal.valueOf(piece.nanos());
        for (BigDecimal cut : cutsWh.subSet(piece.energyFromWh(), false, piece.energyToWh(), false)) {
            long elapsed = cut.subtract(piece.energyFromWh()).multiply(nanos)
                    .divide(piece.energyWh(), PRECISION).setScale(0, RoundingMode.HALF_UP).longValueExact();
            Instant at = piece.from().plusNanos(elapsed);
            parts.add(new Segment(rest.from(), at, rest.energyFromWh(), cut, piece.state()));
            rest = new Segment(at, piece.to(), cut, piece.energyToWh(), piece.state());
        }
        parts.add(rest);
        return parts;
    }

    /** Where the time restrictions of a session begun at {@code start} may change, strictly between from and to. */
    static NavigableSet<Instant> timeCuts(Tariff tariff, ZoneId zone, Instant start, Instant from, Instant to) {
        List<TariffRestrictions> restrictions = tariff.elements().stream().map(TariffElement::restrictions).toList();
        NavigableSet<LocalTime> timesOfDay = new TreeSet<>();
        timesOfDay.add(LocalTime.MIDNIGHT);
        restrictions.forEach(r -> {
            r.startTime().ifPresent(timesOfDay::add);
            r.endTime().ifPresent(timesOfDay::add);
        });
        NavigableSet<Instant> cuts = new TreeSet<>();
        ZoneRules rules = zone.getRules();
        LocalDate lastDay = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(lastDay);
                day = day.plusDays(1)) {
            for (LocalTime time : timesOfDay) {
                // twice in the hour the clocks go back; not at all in the hour they skip (the transition cuts there)
                for (ZoneOffset offset : rules.getValidOffsets(day.atTime(time))) {
                    cuts.add(day.atTime(time).toInstant(offset));
                }
            }
        }
        for (ZoneOffsetTransition transition = rules.nextTransition(from);
                transition != null && transition.getInstant().isBefore(to);
                transition = rules.nextTransition(transition.getInstant())) {
            cuts.add(transition.getInstant());
        }
        restrictions.stream()
                .flatMap(r -> Stream.of(r.minDuration(), r.maxDuration()))
                .flatMap(Optional::stream)
                .forEach(duration -> cuts.add(start.plus(duration)));
        return cuts.subSet(from, false, to, false);
    }

    /** Where the kWh restrictions may change, in Wh since the session's start. */
    static NavigableSet<BigDecimal> energyCutsWh(Tariff tariff) {
        NavigableSet<BigDecimal> cuts = new TreeSet<>();
        tariff.elements().stream()
                .flatMap(e -> Stream.of(e.restrictions().minKwh(), e.restrictions().maxKwh()))
                .flatMap(Optional::stream)
                .forEach(kwh -> cuts.add(kwh.movePointRight(3)));
        return cuts;
    }
}
