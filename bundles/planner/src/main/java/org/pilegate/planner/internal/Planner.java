package org.pilegate.planner.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/**
 * The plan, in two passes over a time-expanded headroom (see the README, "The energy planner", for why this
 * formulation):
 * <ol>
 * <li><b>Deadlines.</b> Sessions with a target and a departure, by priority, then earliest departure, then least
 * laxity, each take the energy they need in the cheapest slots before their departure (the earliest among equally
 * cheap ones), as much current per slot as the pile, the operator's cap and every feeder on its path leave. Those
 * still short then get current that others move out of their way ({@link Repair}, then {@link Reroute}).</li>
 * <li><b>Fair share.</b> The others (no departure or no target), by priority, share what is left slot by slot: each
 * first gets 6 A while that fits, in the order they started charging, then the rest is water-filled an ampere at a
 * time, so equal piles get equal current.</li>
 * <li><b>Pull forward.</b> Energy a deadline session waits for in slots the site has filled up is charged now
 * instead, while now has room ({@link PullForward}): a full slot has no room for the vehicles still to come.</li>
 * </ol>
 * A current is 0 or at least 6 A in every slot, and no feeder's limit on any phase, less the margin and the building's
 * other load, is exceeded in any slot: every ampere given is taken from the headroom of every feeder on the pile's
 * path first. With {@link Policy#EQUAL_SHARE} every session goes through the fair share alone: today's equal share.
 */
final class Planner {

    enum Policy { PLANNED, EQUAL_SHARE }

    /** The most slots a plan holds: 48 h of quarter hours. */
    static final int MAX_SLOTS = 192;
    /** How often the deadline sessions are filled again, those that fell short first. */
    static final int REFILLS = 8;
    /** The share of every later slot a deadline session leaves, at first, to the vehicles still to come. */
    static final double FUTURE_RESERVE = 0.5;

    private final SiteModel site;
    private final PriceTable prices;
    private final Policy policy;

    Planner(SiteModel site, PriceTable prices, Policy policy) {
        this.site = site;
        this.prices = prices;
        this.policy = policy;
    }

    Plan plan(List<Demand> demands, Instant now, PhaseCurrents baseLoadA, OptionalLong operatorLimitW) {
        Instant until = demands.stream().flatMap(d -> d.departure().stream()).max(Comparator.naturalOrder())
                .orElse(now);
        Slots slots = Slots.of(now, until, MAX_SLOTS);
        OptionalLong powerLimitW = powerLimit(operatorLimitW);
        Supplier<Headroom> fresh = () -> new Headroom(site, baseLoadA, powerLimitW, slots.count());
        Headroom headroom = fresh.get();
        long[] price = new long[slots.count()];
        for (int slot = 0; slot < price.length; slot++) {
            price[slot] = prices.minorPerKwh(slots.start(slot));
        }
        List<Job> deadlines = new ArrayList<>();
        List<Job> shared = new ArrayList<>();
        for (Demand demand : demands) {
            Job job = new Job(demand, headroom, slots);
            if (job.wired()) {
                (policy == Policy.PLANNED && job.hasDeadline() ? deadlines : shared).add(job);
            }
        }
        deadlines.sort(Comparator.<Job>comparingInt(job -> -job.demand.priority()).thenComparing(job -> job.leaves)
                .thenComparingDouble(job -> job.laxityH(slots)).thenComparingLong(job -> job.demand.order()));
        if (!deadlines.isEmpty()) {
            headroom = fillDeadlines(deadlines, priceTiers(price), fresh);
            Repair.apply(deadlines, headroom);
            Reroute.apply(deadlines, headroom);
        }
        shared.sort(Comparator.<Job>comparingInt(job -> -job.demand.priority())
                .thenComparingLong(job -> job.demand.order()));
        for (int slot = 0; slot < slots.count(); slot++) {
            share(shared, slot, headroom);
        }
        PullForward.apply(deadlines, headroom);
        return assemble(demands, headroom, slots, price, deadlines, shared);
    }

    private OptionalLong powerLimit(OptionalLong operatorLimitW) {
        if (site.gridPowerLimitW().isPresent() && operatorLimitW.isPresent()) {
            return OptionalLong.of(Math.min(site.gridPowerLimitW().getAsLong(), operatorLimitW.getAsLong()));
        }
        return site.gridPowerLimitW().isPresent() ? site.gridPowerLimitW() : operatorLimitW;
    }

    /**
     * Fills the deadline sessions in their order; when some fall short, tries again with those first (they are the
     * ones with the fewest ways to get their energy), a few times, keeping the fill that leaves the fewest short; on an
     * overloaded site, only while that helps.
     *
     * @return the headroom the kept fill leaves
     */
    private static Headroom fillDeadlines(List<Job> deadlines, List<int[]> tiers, Supplier<Headroom> fresh) {
        List<Job> order = deadlines;
        Headroom kept = null;
        long keptScore = Long.MAX_VALUE;
        Map<Job, int[]> keptSchedules = new HashMap<>();
        for (int round = 0; round < REFILLS; round++) {
            Headroom headroom = fresh.get();
            order.forEach(job -> job.reset());
            // a session that cannot have all it needs any more waits until those that can have theirs: in an
            // overload, it would otherwise take from others what does not get it to its target either
            List<Job> hopeless = new ArrayList<>();
            for (Job job : order) {
                if (job.deliverableWh(headroom) >= job.needWh) {
                    fillCheapest(job, tiers, headroom);
                } else {
                    hopeless.add(job);
                }
            }
            hopeless.forEach(job -> fillCheapest(job, tiers, headroom));
            List<Job> shortOnes = order.stream().filter(job -> job.needWh > 0).toList();
            // fewest short first, then least energy short
            long score = shortOnes.size() * 1_000_000_000L
                    + Math.round(shortOnes.stream().mapToDouble(job -> job.needWh).sum());
            if (score < keptScore) {
                kept = headroom;
                keptScore = score;
                order.forEach(job -> keptSchedules.put(job, job.scheduleA.clone()));
            } else if (shortOnes.size() > deadlines.size() / 10) {
                break; // an overloaded site: reordering many short ones gains little and costs a fill each
            }
            if (shortOnes.isEmpty()) {
                break;
            }
            List<Job> next = new ArrayList<>(shortOnes);
            order.stream().filter(job -> job.needWh <= 0).forEach(next::add);
            order = next;
        }
        keptSchedules.forEach((job, schedule) -> job.restore(schedule));
        return kept;
    }

    /** The slots in tiers of one price each, the cheapest tier first, each tier's slots in time order. */
    private static List<int[]> priceTiers(long[] price) {
        java.util.TreeMap<Long, List<Integer>> tiers = new java.util.TreeMap<>();
        for (int slot = 0; slot < price.length; slot++) {
            tiers.computeIfAbsent(price[slot], p -> new ArrayList<>()).add(slot);
        }
        List<int[]> ordered = new ArrayList<>();
        tiers.values().forEach(slots -> ordered.add(slots.stream().mapToInt(Integer::intValue).toArray()));
        return ordered;
    }

    /**
     * Gives a deadline session its energy in the cheapest slots before its departure, spread evenly over each price
     * tier at the lowest level that delivers it (so it leaves as much room in every slot as it can to the others),
     * the next dearer tier taking what the cheaper ones cannot. The plan knows only the vehicles plugged in now, so a
     * first sweep leaves {@link #FUTURE_RESERVE} of every later slot to the vehicles still to come; what that cannot
     * give, a second sweep takes from all that is left.
     */
    private static void fillCheapest(Job job, List<int[]> tiers, Headroom headroom) {
        for (double share : new double[] {1 - FUTURE_RESERVE, 1}) {
            for (int[] tier : tiers) {
                if (job.needWh <= 0) {
                    return;
                }
                fillTier(job, tier, share, headroom);
            }
        }
    }

    private static void fillTier(Job job, int[] tier, double share, Headroom headroom) {
        int[] avail = new int[tier.length];
        int most = 0;
        for (int i = 0; i < tier.length; i++) {
            int slot = tier[i];
            if (slot < job.window && job.whPerA(slot) > 0) {
                int room = Math.min(job.cap(slot) - job.scheduleA[slot], slot == 0
                        ? headroom.room(job.rows, job.wattsPerA, slot)
                        : headroom.roomWithin(job.rows, job.wattsPerA, slot, share));
                avail[i] = job.scheduleA[slot] + room >= Job.MIN_CURRENT_A ? room : 0;
                most = Math.max(most, avail[i]);
            }
        }
        if (most == 0) {
            return;
        }
        int level = lowestLevel(job, tier, avail, most);
        for (int i = 0; i < tier.length && job.needWh > 0; i++) {
            if (avail[i] > 0) {
                int slot = tier[i];
                int wanted = (int) Math.min(Integer.MAX_VALUE, Math.ceil(job.needWh / job.whPerA(slot)));
                int floor = Math.max(0, Job.MIN_CURRENT_A - job.scheduleA[slot]);
                job.give(headroom, slot, Math.min(avail[i], Math.max(floor, Math.min(level, wanted))));
            }
        }
    }

    /** The least current per slot (6 A or more) that, where available, delivers what the job needs in the tier. */
    private static int lowestLevel(Job job, int[] tier, int[] avail, int most) {
        int low = Job.MIN_CURRENT_A;
        int high = most;
        while (low < high) {
            int mid = (low + high) >>> 1;
            double wh = 0;
            for (int i = 0; i < tier.length; i++) {
                if (avail[i] > 0) {
                    wh += Math.min(mid, avail[i]) * job.whPerA(tier[i]);
                }
            }
            if (wh >= job.needWh) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Shares {@code slot} among the sessions without a deadline, by priority: 6 A each first, then evenly. */
    private static void share(List<Job> jobs, int slot, Headroom headroom) {
        int from = 0;
        while (from < jobs.size()) {
            int priority = jobs.get(from).demand.priority();
            int to = from;
            while (to < jobs.size() && jobs.get(to).demand.priority() == priority) {
                to++;
            }
            List<Job> growing = new ArrayList<>();
            for (Job job : jobs.subList(from, to)) {
                if (slot < job.window && job.needWh > 0 && job.cap(slot) >= Job.MIN_CURRENT_A
                        && headroom.room(job.rows, job.wattsPerA, slot) >= Job.MIN_CURRENT_A) {
                    job.give(headroom, slot, Job.MIN_CURRENT_A);
                    growing.add(job);
                }
            }
            // an ampere to each in turn, or as many as every one can take at once (the same as that many rounds); a
            // job that cannot take one now never can in this slot (the headroom only shrinks): it leaves at once
            while (!growing.isEmpty()) {
                int step = evenStep(growing, slot, headroom);
                for (Iterator<Job> each = growing.iterator(); each.hasNext();) {
                    Job job = each.next();
                    if (job.scheduleA[slot] >= job.cap(slot) || job.needWh <= 0
                            || headroom.room(job.rows, job.wattsPerA, slot) < 1) {
                        each.remove();
                    } else {
                        job.give(headroom, slot, step);
                    }
                }
            }
            from = to;
        }
    }

    /** The most A every one of {@code jobs} can take in {@code slot} at once, short of its cap and need; at least 1. */
    private static int evenStep(List<Job> jobs, int slot, Headroom headroom) {
        long step = headroom.evenRoom(jobs, slot);
        for (Job job : jobs) {
            step = Math.min(step, job.cap(slot) - job.scheduleA[slot]);
            if (job.needWh != Double.POSITIVE_INFINITY) {
                step = Math.min(step, (long) Math.ceil(job.needWh / job.whPerA(slot)));
            }
        }
        return (int) Math.max(1, step);
    }

    private Plan assemble(List<Demand> demands, Headroom headroom, Slots slots, long[] price, List<Job> deadlines,
            List<Job> shared) {
        Map<PileId, Job> planned = new HashMap<>();
        deadlines.forEach(job -> planned.put(job.demand.pile(), job));
        shared.forEach(job -> planned.put(job.demand.pile(), job));
        Explainer explainer = new Explainer(headroom, slots, price, prices);
        Map<PileId, PilePlan> piles = new HashMap<>();
        long[] power = new long[slots.count()];
        for (Demand demand : demands) {
            Job job = planned.get(demand.pile());
            if (job == null) {
                piles.put(demand.pile(), explainer.unwired(demand, slots.count()));
                continue;
            }
            for (int slot = 0; slot < power.length; slot++) {
                power[slot] += job.scheduleA[slot] * job.wattsPerA;
            }
            piles.put(demand.pile(), explainer.explain(job, policy == Policy.PLANNED && job.hasDeadline()));
        }
        List<Long> sitePower = new ArrayList<>();
        for (long w : power) {
            sitePower.add(w);
        }
        return new Plan(slots.boundaries(), piles, sitePower);
    }
}
