package org.pilegate.planner;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.DepotPlanner;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.planner.internal.Planning;

/**
 * The planner for one site given in code: no configuration, no site meter (the building's load is set by
 * {@link #baseLoad(PhaseCurrents)}), every vehicle of equal priority, rises not bounded unless
 * {@link #boundRise(int)} says so.
 */
public final class FixedSitePlanner implements DepotPlanner {

    private final SiteModel site;
    private final Planning planning;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile PhaseCurrents baseLoad = PhaseCurrents.NONE;
    private volatile int riseAPerMinute;

    /**
     * @param energyPrices price windows as in {@code energyPrices} of the site's configuration; empty: flat
     * @param equalShare every charging pile the same current, whatever its departure, target or price
     */
    public FixedSitePlanner(SiteModel site, String energyPrices, ZoneId zone, boolean equalShare) {
        this.site = site;
        this.planning = Planning.of(site, energyPrices, zone, equalShare);
    }

    /** The site as the grid connection alone, not limited. */
    public static FixedSitePlanner unlimited() {
        return new FixedSitePlanner(SiteModel.unlimited(), "", ZoneId.of("UTC"), false);
    }

    /** Sets the building's load and tells the subscribers, as a site meter would. */
    public void baseLoad(PhaseCurrents load) {
        baseLoad = load;
        listeners.forEach(Runnable::run);
    }

    /** Bounds how fast a charging pile's current may rise, as {@code riseAPerMinute} of the site's configuration. */
    public FixedSitePlanner boundRise(int aPerMinute) {
        riseAPerMinute = aPerMinute;
        return this;
    }

    @Override
    public SiteModel site() {
        return site;
    }

    @Override
    public PhaseCurrents baseLoad() {
        return baseLoad;
    }

    @Override
    public Plan plan(List<Demand> demands, Instant now, OptionalLong operatorLimitW) {
        return planning.plan(demands, now, baseLoad, operatorLimitW);
    }

    @Override
    public int priority(Optional<VehicleId> vehicle) {
        return 0;
    }

    @Override
    public int riseAPerMinute() {
        return riseAPerMinute;
    }

    @Override
    public Duration replanInterval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
