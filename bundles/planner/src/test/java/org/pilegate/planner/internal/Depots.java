package org.pilegate.planner.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.Feeder;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.PileWiring;
import org.pilegate.api.site.SiteModel;

/** Small builders for the planner's tests. */
final class Depots {

    static final Instant TEN = Instant.parse("2026-12-03T10:00:00Z");

    private Depots() {
    }

    static Feeder grid(int limitA) {
        return new Feeder(Feeder.GRID, Optional.empty(), PhaseCurrents.of(limitA));
    }

    static Feeder board(String id, String parent, PhaseCurrents limit) {
        return new Feeder(id, Optional.of(parent), limit);
    }

    static SiteModel site(int marginA, Feeder... feeders) {
        return new SiteModel(List.of(feeders), OptionalLong.empty(), marginA, Optional.empty());
    }

    /** A session charging until full or stopped, started {@code order}-th. */
    static Demand open(String pile, String feeder, String phases, int maxA, long order) {
        return new Demand(new PileId(pile), new PileWiring(feeder, Phase.sequence(phases)), 230, maxA,
                OptionalInt.empty(), OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), 0, order);
    }

    /** A session that needs {@code needWh} by {@code departure}. */
    static Demand due(String pile, String feeder, String phases, int maxA, long needWh, Instant departure,
            long order) {
        return new Demand(new PileId(pile), new PileWiring(feeder, Phase.sequence(phases)), 230, maxA,
                OptionalInt.empty(), OptionalInt.empty(), OptionalLong.of(needWh), Optional.of(departure), 0, order);
    }

    static Planner planner(SiteModel site) {
        return new Planner(site, PriceTable.flat(ZoneOffset.UTC), Planner.Policy.PLANNED);
    }
}
