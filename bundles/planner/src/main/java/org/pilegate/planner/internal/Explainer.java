package org.pilegate.planner.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.PilePlan;

/** Says, for each pile once planned, what keeps its current where it is now. */
final class Explainer {

    private final Headroom headroom;
    private final Slots slots;
    private final long[] price;
    private final PriceTable prices;

    Explainer(Headroom headroom, Slots slots, long[] price, PriceTable prices) {
        this.headroom = headroom;
        this.slots = slots;
        this.price = price;
        this.prices = prices;
    }

    PilePlan explain(Job job, boolean byDeadline) {
        return new PilePlan(job.demand.pile(), job.scheduleA[0], schedule(job.scheduleA), job.wattsPerA,
                Math.round(job.plannedWh()), job.demand.needWh(), hold(job, byDeadline));
    }

    PilePlan unwired(Demand demand, int slotCount) {
        return new PilePlan(demand.pile(), 0, schedule(new int[slotCount]), demand.whPerAmpHour(), 0,
                demand.needWh(), new Hold(Hold.Kind.WIRING, "feeder " + demand.wiring().feeder()
                        + " is not in the site model"));
    }

    private Hold hold(Job job, boolean byDeadline) {
        int now = job.scheduleA[0];
        OptionalLong need = job.demand.needWh();
        if (need.isPresent() && need.getAsLong() == 0) {
            return new Hold(Hold.Kind.TARGET_REACHED, "target reached");
        }
        if (now >= job.ceilingA) {
            return job.ceilingHold;
        }
        if (now >= job.cap(0)) {
            return new Hold(Hold.Kind.RAMP, "current rising, " + job.cap(0) + " A for now");
        }
        boolean roomLeft = Math.min(job.cap(0) - now, headroom.room(job.rows, job.wattsPerA, 0))
                >= (now == 0 ? Job.MIN_CURRENT_A : 1);
        if (roomLeft && job.needWh <= 0) {
            int later = firstLaterSlot(job);
            if (byDeadline && later > 0 && price[later] < price[0]) {
                return new Hold(Hold.Kind.CHEAPER_LATER, "waiting for cheaper energy at "
                        + prices.clock(slots.start(later)));
            }
            return new Hold(Hold.Kind.NONE, byDeadline ? "on plan for the departure at " + prices.clock(job.leaves)
                    : "needs no more now");
        }
        return headroom.binding(job.rows, job.wattsPerA, 0);
    }

    private static int firstLaterSlot(Job job) {
        for (int slot = 1; slot < job.scheduleA.length; slot++) {
            if (job.scheduleA[slot] > 0) {
                return slot;
            }
        }
        return -1;
    }

    private static List<Integer> schedule(int[] amps) {
        List<Integer> list = new ArrayList<>(amps.length);
        for (int a : amps) {
            list.add(a);
        }
        return list;
    }
}
