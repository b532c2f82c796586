package org.pilegate.tariff;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.SessionTimeline;

/** Builds session timelines phase by phase: each phase is one sample, held until the next. */
final class Timelines {

    private final Instant start;
    private final List<MeterSample> samples = new ArrayList<>();
    private Instant now;
    private long registerWh;
    private OptionalInt currentA = OptionalInt.empty();

    private Timelines(Instant start, long registerWh) {
        this.start = start;
        this.now = start;
        this.registerWh = registerWh;
    }

    /** A session starting at the site's local time {@code local}, meter register at 0. */
    static Timelines startingAt(String local, ZoneId zone) {
        return new Timelines(LocalDateTime.parse(local).atZone(zone).toInstant(), 0);
    }

    static Timelines startingAt(Instant start, long registerWh) {
        return new Timelines(start, registerWh);
    }

    /** The current of the phases that follow, summed over the phases. */
    Timelines current(int amperes) {
        currentA = OptionalInt.of(amperes);
        return this;
    }

    /** Charges {@code energyWh} evenly over {@code duration}, at the power that takes. */
    Timelines charge(Duration duration, long energyWh) {
        long powerW = duration.isZero() ? 0 : energyWh * 3600 / duration.toSeconds();
        return phase(duration, energyWh, powerW, true);
    }

    Timelines park(Duration duration) {
        return phase(duration, 0, 0, false);
    }

    Timelines phase(Duration duration, long energyWh, long powerW, boolean charging) {
        samples.add(new MeterSample(now, registerWh, powerW, currentA, charging));
        now = now.plus(duration);
        registerWh += energyWh;
        return this;
    }

    /** Ends the session after the last phase, with a closing sample for the final register. */
    SessionTimeline end() {
        List<MeterSample> all = new ArrayList<>(samples);
        all.add(new MeterSample(now, registerWh, 0, currentA, false));
        return new SessionTimeline(start, now, all);
    }
}
