package org.pilegate.api.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;
import org.pilegate.api.vehicle.VehicleId;

/**
 * Plans the depot's charging within its site model: the current of every charging pile now and over the horizon,
 * so that no feeder or phase limit is exceeded in any slot, every departure that can be met is, at the lowest
 * energy cost, the rest shared fairly. The planner bundle provides it, configured by {@code etc/org.pilegate.site.cfg}.
 */
public interface DepotPlanner {

    /** The site as configured now. */
    SiteModel site();

    /** The building's other load as the site meter last measured it; nothing without a site meter. */
    PhaseCurrents baseLoad();

    /**
     * Plans for the piles that charge now.
     *
     * @param operatorLimitW the operator's limit on the piles' power together, if any
     */
    Plan plan(List<Demand> demands, Instant now, OptionalLong operatorLimitW);

    /** How a vehicle ranks: a fleet's own before visitors. */
    int priority(Optional<VehicleId> vehicle);

    /** How fast a charging pile's current may rise, in A per minute; 0 when unbounded. */
    int riseAPerMinute();

    /** How often the depot plans anew without an event. */
    Duration replanInterval();

    /**
     * Calls {@code listener} when the plan may no longer hold: the site model changed, or the building's load moved
     * by more than the configured threshold. The listener must not block.
     *
     * @return closing it ends the subscription
     */
    AutoCloseable subscribe(Runnable listener);
}
