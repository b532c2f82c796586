package org.pilegate.planner.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.PileWiring;
import org.pilegate.api.site.SiteModel;

/**
 * The planner's benchmark, run by {@code bundles/planner/benchmark.sh} in a process of its own: (1) the time of one
 * re-plan for 2,000 charging piles over 24 h in quarter hours; (2) a recorded day of 200 vehicles from a fixed seed,
 * charged by the planner and by the equal share, with the energy each delivers by the departures and what it costs.
 * Prints a Markdown report.
 */
public final class PlannerBenchmark {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-03T00:00:00Z");
    private static final String PRICES = "22:00-06:00 29, 06:00-22:00 39";
    private static final String[] ROTATIONS = {"L1L2L3", "L2L3L1", "L3L1L2"};

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## %s — %d cores, %s %s, Java %s, load average %.2f at start%n%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        replanTime(out);
        recordedDay(out);
        out.append(String.format(Locale.ROOT, "%nLoad average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.print(out);
    }

    /** 2,000 piles on 20 boards, departures over the next 24 h, every one charging: the time of one re-plan. */
    private static void replanTime(StringBuilder out) {
        Random random = new Random(2_000);
        List<Feeder> feeders = new ArrayList<>(List.of(new Feeder(Feeder.GRID, Optional.empty(),
                PhaseCurrents.of(4_000))));
        for (int board = 0; board < 20; board++) {
            feeders.add(new Feeder("board-" + board, Optional.of(Feeder.GRID), PhaseCurrents.of(400)));
        }
        SiteModel site = new SiteModel(feeders, OptionalLong.empty(), 5, Optional.empty());
        Instant now = MIDNIGHT.plus(Duration.ofHours(16));
        List<Demand> withDepartures = new ArrayList<>();
        List<Demand> untilFull = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String feeder = "board-" + i / 100;
            PileWiring wiring = new PileWiring(feeder, Phase.sequence(i % 5 == 4 ? Phase.values()[i % 3].name()
                    : ROTATIONS[i % 3]));
            Instant departure = now.plus(Duration.ofMinutes(30 + random.nextInt(24 * 60 - 30)));
            long needWh = 5_000 + random.nextInt(80_000);
            withDepartures.add(new Demand(new PileId("p" + i), wiring, 230, 32, OptionalInt.empty(),
                    OptionalInt.empty(), OptionalLong.of(needWh), Optional.of(departure), i % 10 == 0 ? 1 : 0, i));
            untilFull.add(new Demand(new PileId("p" + i), wiring, 230, 32, OptionalInt.empty(), OptionalInt.empty(),
                    i % 2 == 0 ? OptionalLong.of(needWh) : OptionalLong.empty(),
                    i % 2 == 0 ? Optional.of(departure) : Optional.empty(), 0, i));
        }
        out.append("### Re-plan time: 2,000 charging piles, 20 boards, 24 h in quarter hours\n\n");
        out.append("| case | slots | p50 ms | p95 ms | max ms | departures met |\n|---|---|---|---|---|---|\n");
        Planner planned = new Planner(site, PriceTable.parse(PRICES, ZoneOffset.UTC), Planner.Policy.PLANNED);
        time(out, "every vehicle with target and departure", planned, withDepartures, now);
        time(out, "half of them until full (fair share)", planned, untilFull, now);
        Planner equal = new Planner(site, PriceTable.parse(PRICES, ZoneOffset.UTC), Planner.Policy.EQUAL_SHARE);
        time(out, "equal share, for comparison", equal, withDepartures, now);
        repaired(out);
    }

    /**
     * 16 copies, each behind a board of its own, of a random depot whose departures can all be met, alone, only with the
     * repair pass (seed 1014 of the property tests: 126 single-phase piles): the repair pass at work.
     */
    private static void repaired(StringBuilder out) {
        RandomDepot depot = RandomDepot.of(1_014, 200, true);
        List<Feeder> feeders = new ArrayList<>();
        List<Demand> demands = new ArrayList<>();
        int margin = depot.site().safetyMarginA();
        int[] grid = {margin, margin, margin};
        for (int copy = 0; copy < 16; copy++) {
            String prefix = "c" + copy + "-";
            for (Feeder feeder : depot.site().feeders()) {
                feeders.add(new Feeder(prefix + feeder.id(), Optional.of(feeder.parent().map(prefix::concat)
                        .orElse(Feeder.GRID)), feeder.limitA()));
                if (feeder.parent().isEmpty()) {
                    for (Phase phase : Phase.values()) {
                        grid[phase.ordinal()] += feeder.limitA().on(phase) - margin;
                    }
                }
            }
            for (Demand d : depot.demands()) {
                demands.add(new Demand(new PileId(prefix + d.pile().value()), new PileWiring(prefix
                        + d.wiring().feeder(), d.wiring().phases()), d.voltageV(), d.maxCurrentA(), d.operatorCapA(),
                        d.riseCapA(), d.needWh(), d.departure(), d.priority(), copy * 1_000L + d.order()));
            }
        }
        feeders.add(0, new Feeder(Feeder.GRID, Optional.empty(), new PhaseCurrents(grid[0], grid[1], grid[2])));
        SiteModel site = new SiteModel(feeders, OptionalLong.empty(), margin, Optional.empty());
        time(out, "16 × random depot 1014, which alone needs the repair pass (single-phase)",
                new Planner(site, PriceTable.flat(ZoneOffset.UTC), Planner.Policy.PLANNED), demands, RandomDepot.NOW);
    }

    private static void time(StringBuilder out, String name, Planner planner, List<Demand> demands, Instant now) {
        Plan plan = null;
        for (int i = 0; i < 20; i++) {
            plan = planner.plan(demands, now, PhaseCurrents.of(50), OptionalLong.empty());
        }
        long[] ms = new long[50];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            plan = planner.plan(demands, now, PhaseCurrents.of(50), OptionalLong.empty());
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        long met = plan.piles().values().stream().filter(pile -> pile.needWh().isPresent() && pile.meetsTarget())
                .count();
        long withTarget = plan.piles().values().stream().filter(pile -> pile.needWh().isPresent()).count();
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d of %d |%n", name, plan.slots(),
                ms[ms.length / 2], ms[ms.length * 95 / 100], ms[ms.length - 1], met, withTarget));
    }

    private static void recordedDay(StringBuilder out) {
        out.append("\n### A recorded day: 200 vehicles (seed 200) on 200 piles, four boards of 5/16 of the grid "
                + "connection each\n\n");
        out.append("Fleet vehicles arrive 14:00–21:00 and leave 05:00–08:00 the next day needing 30–110 kWh; visitors "
                + "arrive 08:00–16:00 for 1–4 h needing 5–35 kWh. A vehicle draws what its pile offers up to its target. "
                + "Re-planned every 5 min; prices 0.29 EUR/kWh 22:00–06:00, 0.39 otherwise.\n\n");
        out.append("| grid per phase | policy | targets met by departure | energy delivered by departure | of requested "
                + "| energy cost |\n|---|---|---|---|---|---|\n");
        for (int gridA : new int[] {400, 800}) {
            for (Planner.Policy policy : Planner.Policy.values()) {
                out.append(RecordedDay.run(policy, PRICES, gridA)).append('\n');
            }
        }
    }
}
