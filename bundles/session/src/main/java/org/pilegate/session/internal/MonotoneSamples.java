package org.pilegate.session.internal;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;

/**
 * A session's recorded status points as the meter samples pricing takes, one after another. Points carry the wall
 * clock and the meter's register as they were read; a clock set back, or a register read lower than before (a meter
 * replaced), would make the timeline run backwards, and a fee that cannot be priced is never issued. Such a point
 * counts at the latest time and register seen before it.
 */
final class MonotoneSamples {

    private MeterSample last;
    private boolean backwards;

    /** Begins at the session's start: no reading tells the power there, so no power restriction of a tariff holds. */
    MonotoneSamples(ChargingSession session) {
        last = new MeterSample(session.startedAt(), session.startEnergyWh(), OptionalLong.empty(), OptionalInt.empty(),
                false);
    }

    /** The sample of the next recorded point. */
    MeterSample next(StatusPoint point) {
        backwards |= point.at().isBefore(last.at()) || point.registerWh() < last.registerWh();
        // a meter reads a little below zero around no load; the vehicle drew nothing then
        last = new MeterSample(later(point.at(), last.at()), Math.max(point.registerWh(), last.registerWh()),
                Math.max(0, point.powerW()), OptionalInt.empty(), point.state() == SessionState.CHARGING);
        return last;
    }

    /** The sample of the session's end at {@code until}, with its register then. */
    MeterSample ended(Instant until, long registerWh) {
        backwards |= registerWh < last.registerWh();
        last = new MeterSample(later(until, last.at()), Math.max(registerWh, last.registerWh()), 0,
                OptionalInt.empty(), false);
        return last;
    }

    /** The latest sample: the session's start until a point came. */
    MeterSample last() {
        return last;
    }

    /** Whether a point's time or register was below one before it. */
    boolean ranBackwards() {
        return backwards;
    }

    /** {@code end}, or the latest sample's time if later. */
    Instant notBeforeLast(Instant end) {
        return later(end, last.at());
    }

    private static Instant later(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }
}
