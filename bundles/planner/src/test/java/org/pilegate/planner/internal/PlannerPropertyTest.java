package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;

/** Plans for random depots of up to 200 piles, checked slot by slot and against an exact max-flow. */
class PlannerPropertyTest {

    private static final int DEPOTS = 120;
    /** New depots at each run, beside the fixed ones. */
    private static final int RANDOM_DEPOTS = 20;
    /** The most flows the search under the 6 A rule solves for one depot before it gives up undecided. */
    private static final int SEARCH_STEPS = 200;

    @Test
    void noLimitIsExceededInAnySlotAndNoCurrentLiesBetweenZeroAndSixAmperes() {
        for (long seed = 0; seed < DEPOTS; seed++) {
            RandomDepot depot = RandomDepot.of(seed, 200, false);
            Plan plan = plan(depot);
            checkLimits(depot, plan, "seed " + seed);
        }
    }

    /**
     * On random single-phase depots, fixed ones and new ones at each run: a plan that meets every departure, within
     * every limit and the 6 A rule (checked slot by slot), proves the depot feasible by itself; where it misses one,
     * the exact check must prove that no plan can meet them all — the max-flow without the 6 A rule, or the search
     * under it. Nothing is left undecided.
     */
    @Test
    void everyDepartureIsMetWhereAnExactCheckSaysAllCanBe() {
        long fresh = new java.util.Random().nextLong();
        List<Long> seeds = new ArrayList<>();
        for (long seed = 1_000; seed < 1_000 + DEPOTS; seed++) {
            seeds.add(seed);
        }
        for (int i = 0; i < RANDOM_DEPOTS; i++) {
            seeds.add(fresh + i);
        }
        int met = 0;
        int overMaxFlow = 0;
        int overSixAmpRule = 0;
        List<String> missed = new ArrayList<>();
        for (long seed : seeds) {
            RandomDepot depot = RandomDepot.of(seed, 200, true);
            Plan plan = plan(depot);
            checkLimits(depot, plan, "seed " + seed);
            if (plan.piles().values().stream().allMatch(PilePlan::meetsTarget)) {
                met++;
            } else if (!FlowFeasibility.relaxed(depot.site(), depot.demands(), plan.slots())) {
                overMaxFlow++;
            } else {
                FlowFeasibility.Verdict verdict = FlowFeasibility.withSixAmpRule(depot.site(), depot.demands(),
                        plan.slots(), SEARCH_STEPS);
                if (verdict == FlowFeasibility.Verdict.INFEASIBLE) {
                    overSixAmpRule++;
                } else {
                    long where = seed;
                    plan.piles().values().stream().filter(pile -> !pile.meetsTarget()).forEach(pile -> missed.add(
                            "seed " + where + " (" + verdict + "): " + pile.pile() + " planned " + pile.plannedWh()
                                    + " of " + pile.needWh().getAsLong() + " Wh"));
                }
            }
        }
        String counts = seeds.size() + " depots (random from seed " + fresh + "): " + met + " met every departure, "
                + overMaxFlow + " infeasible by the max-flow, " + overSixAmpRule + " by the 6 A rule";
        System.out.println(counts);
        assertEquals(List.of(), missed, counts);
        assertTrue(met > seeds.size() / 5 && overMaxFlow > seeds.size() / 5, "a test of both kinds: " + counts);
    }

    private static Plan plan(RandomDepot depot) {
        return new Planner(depot.site(), PriceTable.flat(ZoneOffset.UTC), Planner.Policy.PLANNED)
                .plan(depot.demands(), RandomDepot.NOW, PhaseCurrents.NONE, OptionalLong.empty());
    }

    /** Adds up every pile's current on every feeder above it, phase by phase, slot by slot. */
    private static void checkLimits(RandomDepot depot, Plan plan, String where) {
        Map<String, Feeder> feeders = new HashMap<>();
        depot.site().feeders().forEach(feeder -> feeders.put(feeder.id(), feeder));
        for (int slot = 0; slot < plan.slots(); slot++) {
            Map<String, int[]> load = new HashMap<>();
            for (Demand demand : depot.demands()) {
                PilePlan pile = plan.pile(demand.pile()).orElseThrow();
                int amps = pile.scheduleA().get(slot);
                assertTrue(amps == 0 || amps >= 6 && amps <= demand.maxCurrentA(), where + ": " + pile.pile()
                        + " gets " + amps + " A in slot " + slot);
                for (Feeder f = feeders.get(demand.wiring().feeder()); f != null;
                        f = f.parent().map(feeders::get).orElse(null)) {
                    for (Phase phase : demand.wiring().phases()) {
                        load.computeIfAbsent(f.id(), id -> new int[3])[phase.ordinal()] += amps;
                    }
                }
            }
            for (var entry : load.entrySet()) {
                Feeder feeder = feeders.get(entry.getKey());
                for (Phase phase : Phase.values()) {
                    int allowed = feeder.limitA().on(phase) - depot.site().safetyMarginA();
                    assertTrue(entry.getValue()[phase.ordinal()] <= allowed, where + ": feeder " + feeder.id()
                            + " carries " + entry.getValue()[phase.ordinal()] + " A on " + phase + " in slot " + slot
                            + ", allowed " + allowed);
                }
            }
        }
    }
}
