package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;

import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.RunningPrice;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

/**
 * A running session's timeline, kept as short as its tariff allows. A sample goes into the one before it when the
 * tariff cannot tell them apart: the same charging state, on the same side of every power and current restriction,
 * and no time or kWh boundary of the tariff after the one before, up to and including the one after. Every segment
 * the merged samples made then starts in the same place of every restriction, so the same elements price it, and its
 * quantities add up exactly: runs, stretches and periods stay where they were and the price is that of every sample.
 * A session hours long keeps a few samples per boundary it crosses, so its fee so far costs about what its first
 * minutes' did.
 */
public final class CompactTimeline implements RunningPrice {

    /** How far ahead the next time boundary is looked for: a sample past it is kept, as if one were there. */
    private static final Duration CUT_HORIZON = Duration.ofDays(1);

    private final Tariff tariff;
    private final ZoneId zone;
    private final Instant start;
    private final List<TariffRestrictions> restrictions;
    private final NavigableSet<BigDecimal> energyCutsWh;
    private final List<MeterSample> kept = new ArrayList<>();
    private int added;
    private Instant cutsFrom; // where nextCut was looked for after
    private Instant nextCut; // the first time boundary after cutsFrom, or the horizon of the search

    /** A session that started at {@code start} with the sample {@code first}, priced by {@code tariff}. */
    public CompactTimeline(Tariff tariff, ZoneId zone, Instant start, MeterSample first) {
        this.tariff = tariff;
        this.zone = zone;
        this.start = start;
        this.restrictions = tariff.elements().stream().map(TariffElement::restrictions).toList();
        this.energyCutsWh = SessionSegments.energyCutsWh(tariff);
        SessionTimeline.checkFirst(start, first);
        kept.add(first);
        added = 1;
    }

    @Override
    public void add(MeterSample sample) {
        int last = kept.size() - 1;
        SessionTimeline.checkNext(kept.get(last), sample, added);
        added++;
        if (last >= 1 && mergeable(kept.get(last - 1), kept.get(last), sample)) {
            kept.set(last, sample);
        } else {
            kept.add(sample);
        }
    }

    @Override
    public Optional<PricedSession> until(Instant end) {
        return Optional.of(SessionPricing.price(tariff, zone, new SessionTimeline(start, end, kept)).price());
    }

    /** Samples kept of those added. */
    int kept() {
        return kept.size();
    }

    /** Whether {@code sample}, between {@code before} and {@code after}, can go into {@code before}. */
    private boolean mergeable(MeterSample before, MeterSample sample, MeterSample after) {
        if (sample.charging() != before.charging()) {
            return false;
        }
        for (TariffRestrictions r : restrictions) {
            if (SegmentConditions.powerWithin(r, sample) != SegmentConditions.powerWithin(r, before)
                    || SegmentConditions.currentWithin(r, sample) != SegmentConditions.currentWithin(r, before)) {
                return false;
            }
        }
        // a boundary at the one after counts too: a piece of no time with energy may start there
        return energyCutsWh.subSet(sinceFirst(before), false, sinceFirst(after), true).isEmpty()
                && nextTimeCut(before.at()).isAfter(after.at());
    }

    /**
     * The tariff's first time boundary after {@code from}, looked for once per sample kept rather than once per sample
     * added: the sample before a merge stays the same until one is kept.
     */
    private Instant nextTimeCut(Instant from) {
        if (!from.equals(cutsFrom)) {
            Instant horizon = from.plus(CUT_HORIZON);
            NavigableSet<Instant> cuts = SessionSegments.timeCuts(tariff, zone, start, from, horizon);
            cutsFrom = from;
            nextCut = cuts.isEmpty() ? horizon : cuts.first();
        }
        return nextCut;
    }

    private BigDecimal sinceFirst(MeterSample sample) {
        return BigDecimal.valueOf(sample.registerWh() - kept.get(0).registerWh());
    }
}
