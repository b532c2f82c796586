package org.pilegate.planner.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.PileWiring;
import org.pilegate.api.site.SiteModel;

/**
 * A random depot from a seed: a tree of feeders with random limits per phase, piles on random feeders and phases,
 * vehicles with random targets and departures on quarter hours (so that slots are whole and a max-flow over them is
 * exact).
 */
record RandomDepot(SiteModel site, List<Demand> demands) {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final String[] ROTATIONS = {"L1L2L3", "L2L3L1", "L3L1L2"};

    /** @param singlePhase every pile on one phase: the max-flow then decides feasibility exactly */
    static RandomDepot of(long seed, int maxPiles, boolean singlePhase) {
        Random random = new Random(seed);
        int piles = 1 + random.nextInt(maxPiles);
        // limits that grow with the depot, so that some depots can meet every departure and some cannot
        List<Feeder> feeders = new ArrayList<>();
        feeders.add(new Feeder(Feeder.GRID, Optional.empty(), limit(random, 16 + 2 * piles, 32 + 6 * piles)));
        int boards = random.nextInt(8);
        for (int i = 0; i < boards; i++) {
            String parent = feeders.get(random.nextInt(feeders.size())).id();
            feeders.add(new Feeder("board-" + i, Optional.of(parent), limit(random, 16, 32 + 3 * piles)));
        }
        SiteModel site = new SiteModel(feeders, OptionalLong.empty(), random.nextInt(3), Optional.empty());
        List<Demand> demands = new ArrayList<>();
        for (int i = 0; i < piles; i++) {
            String feeder = feeders.get(random.nextInt(feeders.size())).id();
            String phases = singlePhase || random.nextInt(3) == 0 ? Phase.values()[random.nextInt(3)].name()
                    : ROTATIONS[random.nextInt(3)];
            int maxA = random.nextBoolean() ? 16 : 32;
            long needWh = 1_000L + random.nextInt(30_000);
            // a vehicle stays at least as long as it needs at its pile's maximum, alone
            long alone = (long) Math.ceil(needWh / (maxA * 230.0 * phases.length() / 2 * 0.25));
            Instant departure = NOW.plus(Duration.ofMinutes(15L * Math.min(96, alone + random.nextInt(48))));
            demands.add(new Demand(new PileId("p" + i), new PileWiring(feeder, Phase.sequence(phases)), 230, maxA,
                    OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(needWh), Optional.of(departure),
                    random.nextInt(10) == 0 ? 1 : 0, i));
        }
        return new RandomDepot(site, demands);
    }

    private static PhaseCurrents limit(Random random, int least, int most) {
        if (random.nextBoolean()) {
            return PhaseCurrents.of(least + random.nextInt(most - least));
        }
        return new PhaseCurrents(least + random.nextInt(most - least), least + random.nextInt(most - least),
                least + random.nextInt(most - least));
    }
}
