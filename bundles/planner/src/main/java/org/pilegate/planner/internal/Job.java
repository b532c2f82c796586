package org.pilegate.planner.internal;

import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Hold;

/** One demand while it is planned: its place in the site, its bounds, what it still needs and what it got. */
final class Job {

    static final int MIN_CURRENT_A = 6;

    final Demand demand;
    final int[] rows;
    final long wattsPerA;
    /** The most current it may have in any slot, and what sets that. */
    final int ceilingA;
    final Hold ceilingHold;
    /** The slots it can charge in: those before its departure, or all. */
    final int window;
    final Instant leaves;
    final int[] scheduleA;
    /** Wh one A delivers in each slot before the vehicle leaves: asked for at every ampere given, so kept. */
    private final double[] whPerA;
    /** Energy still to plan, in Wh; infinite for a vehicle charging until full. */
    double needWh;

    Job(Demand demand, Headroom headroom, Slots slots) {
        this.demand = demand;
        rows = headroom.rows(demand.wiring().feeder(), demand.wiring().phases());
        wattsPerA = demand.whPerAmpHour();
        int cap = demand.operatorCapA().orElse(Integer.MAX_VALUE);
        ceilingA = Math.min(cap, demand.maxCurrentA());
        ceilingHold = cap < demand.maxCurrentA()
                ? new Hold(Hold.Kind.OPERATOR_CAP, "operator cap " + cap + " A")
                : new Hold(Hold.Kind.PILE_MAXIMUM, "pile maximum " + demand.maxCurrentA() + " A");
        Optional<Instant> departure = demand.departure().filter(d -> slots.before(d) > 0);
        leaves = departure.orElse(Instant.MAX);
        window = departure.map(slots::before).orElse(slots.count());
        scheduleA = new int[slots.count()];
        whPerA = new double[slots.count()];
        for (int slot = 0; slot < whPerA.length; slot++) {
            whPerA[slot] = wattsPerA * slots.hours(slot, leaves);
        }
        needWh = demand.needWh().isPresent() ? demand.needWh().getAsLong() : Double.POSITIVE_INFINITY;
    }

    /** Back to nothing planned. */
    void reset() {
        restore(new int[scheduleA.length]);
    }

    /** Takes {@code schedule} as its plan; what it still needs follows from it. */
    void restore(int[] schedule) {
        System.arraycopy(schedule, 0, scheduleA, 0, scheduleA.length);
        needWh = demand.needWh().isPresent() ? demand.needWh().getAsLong() - plannedWh()
                : Double.POSITIVE_INFINITY;
    }

    boolean wired() {
        return rows.length > 0;
    }

    /** Planned by its departure: it has a target and a departure still ahead. */
    boolean hasDeadline() {
        return demand.needWh().isPresent() && leaves != Instant.MAX;
    }

    /** The most it may have in {@code slot}, before what others took. */
    int cap(int slot) {
        return slot == 0 ? Math.min(ceilingA, demand.riseCapA().orElse(Integer.MAX_VALUE)) : ceilingA;
    }

    /** Wh that one A delivers in {@code slot} before the vehicle leaves. */
    double whPerA(int slot) {
        return whPerA[slot];
    }

    /** Gives the job {@code current} A in {@code slot}, taken from the headroom. */
    void give(Headroom headroom, int slot, int current) {
        headroom.take(rows, wattsPerA, slot, current);
        scheduleA[slot] += current;
        needWh -= current * whPerA(slot);
    }

    /** The most energy it could still get before its departure, were it alone on what is left. */
    double deliverableWh(Headroom headroom) {
        double wh = 0;
        for (int slot = 0; slot < window; slot++) {
            int room = Math.min(cap(slot), headroom.room(rows, wattsPerA, slot));
            wh += room >= MIN_CURRENT_A ? room * whPerA(slot) : 0;
        }
        return wh;
    }

    double plannedWh() {
        double wh = 0;
        for (int slot = 0; slot < window; slot++) {
            wh += scheduleA[slot] * whPerA(slot);
        }
        return wh;
    }

    /** Hours it would need at its ceiling, less the hours it has: how long it may wait. */
    double laxityH(Slots slots) {
        double hours = 0;
        for (int slot = 0; slot < window; slot++) {
            hours += slots.hours(slot, leaves);
        }
        return hours - needWh / ((double) Math.max(1, ceilingA) * wattsPerA);
    }
}
