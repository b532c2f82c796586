package org.pilegate.planner.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;

import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/** The planner's algorithm as the exported {@link org.pilegate.planner.FixedSitePlanner} reaches it. */
public final class Planning {

    private final Planner planner;

    private Planning(Planner planner) {
        this.planner = planner;
    }

    /** @throws IllegalArgumentException if {@code energyPrices} is not a price table */
    public static Planning of(SiteModel site, String energyPrices, ZoneId zone, boolean equalShare) {
        return new Planning(new Planner(site, PriceTable.parse(energyPrices, zone),
                equalShare ? Planner.Policy.EQUAL_SHARE : Planner.Policy.PLANNED));
    }

    public Plan plan(List<Demand> demands, Instant now, PhaseCurrents baseLoadA, OptionalLong operatorLimitW) {
        return planner.plan(demands, now, baseLoadA, operatorLimitW);
    }
}
