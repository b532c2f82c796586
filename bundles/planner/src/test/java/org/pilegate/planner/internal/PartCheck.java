package org.pilegate.planner.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.SiteModel;

/**
 * Whether the few single-phase vehicles below one feeder on one phase can all have their energy by their departures
 * under the 6 A rule, were they alone on the site: exactly, by dynamic programming over the slots. A part that cannot
 * proves that the whole depot cannot either (the others only take room), where the search of flows may give up: a
 * vehicle that needs 16 A in nearly every slot behind 17 A leaves the others 1 A, which a flow gives and the rule
 * does not.
 */
final class PartCheck {

    static final int MAX_VEHICLES = 3;
    /** The most steps (states × currents tried × slots) one part may take: about a second. */
    static final long MAX_STEPS = 300_000_000;

    private final int[] capacity = new int[1 << MAX_VEHICLES];
    private final int[] need = new int[MAX_VEHICLES];
    private final int[] most = new int[MAX_VEHICLES];
    private final int[] window = new int[MAX_VEHICLES];

    /**
     * @param part the vehicles, by need, the neediest last (in the last place of the table; absent ones need nothing)
     * @param paths each one's feeders, from its own up to the grid connection
     */
    private PartCheck(SiteModel site, List<Demand> part, List<List<Feeder>> paths, int slots) {
        Arrays.fill(capacity, Integer.MAX_VALUE);
        Phase phase = part.get(0).wiring().phases().get(0);
        Map<String, Integer> below = new HashMap<>();
        Map<String, Integer> limit = new HashMap<>();
        for (int v = 0; v < part.size(); v++) {
            int at = v == part.size() - 1 ? MAX_VEHICLES - 1 : v;
            for (Feeder feeder : paths.get(v)) {
                below.merge(feeder.id(), 1 << at, (a, b) -> a | b);
                limit.put(feeder.id(), Math.max(0, feeder.limitA().on(phase) - site.safetyMarginA()));
            }
            Demand demand = part.get(v);
            need[at] = (int) Math.ceil(demand.needWh().getAsLong() / 57.5);
            most[at] = demand.maxCurrentA();
            long before = Duration.between(RandomDepot.NOW, demand.departure().orElseThrow()).toMinutes() / 15;
            window[at] = (int) Math.min(before, slots);
        }
        below.forEach((feeder, mask) -> capacity[mask] = Math.min(capacity[mask], limit.get(feeder)));
        for (int mask = 1; mask < capacity.length; mask++) {
            for (int v = 0; v < MAX_VEHICLES; v++) {
                if ((mask & 1 << v) != 0) {
                    most[v] = Math.min(most[v], capacity[mask]);
                }
            }
        }
    }

    /** INFEASIBLE if the vehicles below a feeder on a phase, at most three, cannot be met alone; else UNDECIDED. */
    static FlowFeasibility.Verdict of(SiteModel site, List<Demand> demands, int slots) {
        Map<String, Feeder> feeders = new HashMap<>();
        site.feeders().forEach(feeder -> feeders.put(feeder.id(), feeder));
        Map<Demand, List<Feeder>> paths = new HashMap<>();
        for (Demand demand : demands) {
            List<Feeder> path = new ArrayList<>();
            for (Feeder f = feeders.get(demand.wiring().feeder()); f != null;
                    f = f.parent().map(feeders::get).orElse(null)) {
                path.add(f);
            }
            paths.put(demand, path);
        }
        for (Feeder feeder : site.feeders()) {
            for (Phase phase : Phase.values()) {
                List<Demand> part = demands.stream().filter(demand -> demand.wiring().phases().equals(List.of(phase))
                        && paths.get(demand).contains(feeder))
                        .sorted(Comparator.comparingLong(demand -> demand.needWh().getAsLong())).toList();
                if (!part.isEmpty() && part.size() <= MAX_VEHICLES
                        && !new PartCheck(site, part, part.stream().map(paths::get).toList(), slots).canMeet(slots)) {
                    return FlowFeasibility.Verdict.INFEASIBLE;
                }
            }
        }
        return FlowFeasibility.Verdict.UNDECIDED;
    }

    /**
     * Slot by slot, for every energy (in ampere-slots, up to its need) the others may have had, the most the neediest
     * can have had; whether all reach their needs. True, too, where that would take too long.
     */
    private boolean canMeet(int slots) {
        int rows = need[0] + 1;
        int columns = need[1] + 1;
        if ((long) rows * columns * Math.max(1, most[0] - 4) * Math.max(1, most[1] - 4) * slots > MAX_STEPS) {
            return true;
        }
        int[] best = new int[rows * columns];
        Arrays.fill(best, -1);
        best[0] = 0;
        for (int slot = 0; slot < slots; slot++) {
            int[] next = new int[best.length];
            Arrays.fill(next, -1);
            for (int a = 0; a < rows; a++) {
                for (int b = 0; b < columns; b++) {
                    int had = best[a * columns + b];
                    for (int x = 0; had >= 0 && x <= top(0, slot, a); x = next(x)) {
                        for (int y = 0; y <= top(1, slot, b); y = next(y)) {
                            int z = left(x, y, top(2, slot, had));
                            if (z >= 0) {
                                int at = Math.min(need[0], a + x) * columns + Math.min(need[1], b + y);
                                next[at] = Math.max(next[at], Math.min(need[2], had + z));
                            }
                        }
                    }
                }
            }
            best = next;
        }
        return best[best.length - 1] >= need[2];
    }

    /** What the neediest can take, up to {@code top}, beside {@code x} and {@code y}: 0 or 6 A and up; -1: no fit. */
    private int left(int x, int y, int top) {
        int z = top;
        for (int mask = 1; mask < capacity.length; mask++) {
            int others = ((mask & 1) != 0 ? x : 0) + ((mask & 2) != 0 ? y : 0);
            if (others > capacity[mask]) {
                return -1;
            }
            if ((mask & 4) != 0) {
                z = Math.min(z, capacity[mask] - others);
            }
        }
        return z >= Job.MIN_CURRENT_A ? z : 0;
    }

    /** The most vehicle {@code v} takes in {@code slot}, having {@code had}: more than it lacks is of no use. */
    private int top(int v, int slot, int had) {
        if (slot >= window[v] || most[v] < Job.MIN_CURRENT_A) {
            return 0;
        }
        return Math.min(most[v], Math.max(Job.MIN_CURRENT_A, need[v] - had));
    }

    /** The next current to try: 0, then 6 A and up. */
    private static int next(int amps) {
        return amps == 0 ? Job.MIN_CURRENT_A : amps + 1;
    }
}
