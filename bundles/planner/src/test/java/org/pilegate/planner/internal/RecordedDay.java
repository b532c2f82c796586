package org.pilegate.planner.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

/** One recorded day of 200 vehicles from a fixed seed, charged under one policy in five-minute steps. */
final class RecordedDay {

    private static final Instant MIDNIGHT = Instant.parse("2026-12-03T00:00:00Z");
    private static final Duration STEP = Duration.ofMinutes(5);

    private record Vehicle(int pile, Instant arrives, Instant leaves, long needWh, PileWiring wiring) {
    }

    private RecordedDay() {
    }

    /** @param gridA the grid connection's limit per phase; each of the four boards has a quarter of it and more */
    static String run(Planner.Policy policy, String prices, int gridA) {
        List<Feeder> feeders = new ArrayList<>(List.of(new Feeder(Feeder.GRID, Optional.empty(),
                PhaseCurrents.of(gridA))));
        for (int board = 0; board < 4; board++) {
            feeders.add(new Feeder("board-" + board, Optional.of(Feeder.GRID), PhaseCurrents.of(gridA * 5 / 16)));
        }
        SiteModel site = new SiteModel(feeders, OptionalLong.empty(), 0, Optional.empty());
        PriceTable table = PriceTable.parse(prices, ZoneOffset.UTC);
        Planner planner = new Planner(site, table, policy);
        List<Vehicle> vehicles = vehicles();
        double[] delivered = new double[vehicles.size()];
        double costMilliMinor = 0;
        for (Instant now = MIDNIGHT; now.isBefore(MIDNIGHT.plus(Duration.ofHours(36))); now = now.plus(STEP)) {
            List<Demand> demands = new ArrayList<>();
            for (int i = 0; i < vehicles.size(); i++) {
                Vehicle vehicle = vehicles.get(i);
                long left = Math.round(vehicle.needWh() - delivered[i]);
                if (!now.isBefore(vehicle.arrives()) && now.isBefore(vehicle.leaves()) && left > 0) {
                    demands.add(new Demand(new PileId("p" + i), vehicle.wiring(), 230, 32, OptionalInt.empty(),
                            OptionalInt.empty(), OptionalLong.of(left), Optional.of(vehicle.leaves()), 0, i));
                }
            }
            Plan plan = planner.plan(demands, now, PhaseCurrents.NONE, OptionalLong.empty());
            double hours = STEP.toMillis() / 3_600_000.0;
            for (Demand demand : demands) {
                int i = Integer.parseInt(demand.pile().value().substring(1));
                double wh = Math.min(demand.needWh().getAsLong(), plan.pile(demand.pile()).orElseThrow().currentA()
                        * demand.whPerAmpHour() * hours);
                delivered[i] += wh;
                costMilliMinor += wh * table.minorPerKwh(now);
            }
        }
        int met = 0;
        double requested = 0;
        double total = 0;
        for (int i = 0; i < vehicles.size(); i++) {
            requested += vehicles.get(i).needWh();
            total += delivered[i];
            met += delivered[i] >= vehicles.get(i).needWh() - 0.5 ? 1 : 0;
        }
        long costMinor = Math.round(costMilliMinor / 1000);
        return String.format(Locale.ROOT, "| %d A | %s | %d of %d | %.1f kWh | %.1f %% | %d.%02d EUR (%.1f ct/kWh) |",
                gridA, policy == Planner.Policy.PLANNED ? "planner" : "equal share", met, vehicles.size(), total / 1000,
                100 * total / requested, costMinor / 100, costMinor % 100, costMinor / (total / 1000));
    }

    private static List<Vehicle> vehicles() {
        Random random = new Random(200);
        List<Vehicle> vehicles = new ArrayList<>();
        String[] rotations = {"L1L2L3", "L2L3L1", "L3L1L2"};
        for (int i = 0; i < 200; i++) {
            String feeder = "board-" + i % 4;
            PileWiring wiring = new PileWiring(feeder, Phase.sequence(i % 5 == 4 ? Phase.values()[i % 3].name()
                    : rotations[i % 3]));
            boolean fleet = random.nextInt(10) < 7;
            Instant arrives;
            Instant leaves;
            long needWh;
            if (fleet) {
                arrives = MIDNIGHT.plus(Duration.ofMinutes(14 * 60 + random.nextInt(7 * 60)));
                leaves = MIDNIGHT.plus(Duration.ofMinutes(29 * 60 + random.nextInt(3 * 60)));
                needWh = 30_000 + random.nextInt(80_000);
            } else {
                arrives = MIDNIGHT.plus(Duration.ofMinutes(8 * 60 + random.nextInt(8 * 60)));
                leaves = arrives.plus(Duration.ofMinutes(60 + random.nextInt(3 * 60)));
                needWh = 5_000 + random.nextInt(30_000);
            }
            vehicles.add(new Vehicle(i, arrives, leaves, needWh, wiring));
        }
        return vehicles;
    }
}
