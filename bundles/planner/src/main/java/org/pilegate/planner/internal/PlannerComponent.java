package org.pilegate.planner.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.DepotPlanner;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;
import org.pilegate.api.vehicle.VehicleId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depot's planner with the site model of {@code etc/org.pilegate.site.cfg}. A changed configuration applies in
 * place and the depot plans anew; a wrong one is refused as a whole (the framework logs the PID, key and reason) and
 * the last good one stays. The site meter, if configured, is followed by id, like a pile's meter.
 */
@Component(configurationPid = SiteSetup.PID, service = DepotPlanner.class)
@Designate(ocd = SiteConfig.class)
public class PlannerComponent implements DepotPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(PlannerComponent.class);

    private final BundleContext context;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final BaseLoad baseLoad = new BaseLoad();
    private volatile SiteSetup setup;
    private volatile Planner planner;
    private ServiceTracker<Meter, AutoCloseable> siteMeter;

    @Activate
    public PlannerComponent(BundleContext context, SiteConfig config) {
        this.context = context;
        apply(SiteSetup.of(config));
    }

    @Modified
    void modified(SiteConfig config) {
        apply(SiteSetup.of(config));
        listeners.forEach(Runnable::run);
    }

    @Deactivate
    synchronized void deactivate() {
        if (siteMeter != null) {
            siteMeter.close();
        }
    }

    @Override
    public SiteModel site() {
        return setup.site();
    }

    @Override
    public PhaseCurrents baseLoad() {
        return baseLoad.latest();
    }

    @Override
    public Plan plan(List<Demand> demands, Instant now, OptionalLong operatorLimitW) {
        return planner.plan(demands, now, baseLoad.forPlan(), operatorLimitW);
    }

    @Override
    public int priority(Optional<VehicleId> vehicle) {
        return vehicle.filter(id -> setup.priority(id.value())).isPresent() ? 1 : 0;
    }

    @Override
    public int riseAPerMinute() {
        return setup.riseAPerMinute();
    }

    @Override
    public Duration replanInterval() {
        return setup.replanInterval();
    }

    @Override
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private synchronized void apply(SiteSetup next) {
        SiteSetup previous = setup;
        setup = next;
        planner = new Planner(next.site(), next.prices(), next.policy());
        if (previous == null || !previous.site().siteMeter().equals(next.site().siteMeter())) {
            if (siteMeter != null) {
                siteMeter.close();
            }
            baseLoad.forget();
            siteMeter = next.site().siteMeter().map(this::follow).orElse(null);
        }
        LOG.info("Site: {} feeder(s) below the grid connection at {}, margin {} A, site meter {}, policy {}",
                next.site().feeders().size() - 1, next.site().feeders().get(0).limitA(), next.site().safetyMarginA(),
                next.site().siteMeter().orElse("none"), next.policy());
    }

    private ServiceTracker<Meter, AutoCloseable> follow(String meterId) {
        String filter = "(&(objectClass=" + Meter.class.getName() + ")(" + Meter.ID_PROPERTY + "=" + meterId + "))";
        ServiceTracker<Meter, AutoCloseable> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null) {
                @Override
                public AutoCloseable addingService(ServiceReference<Meter> reference) {
                    Meter meter = context.getService(reference);
                    return meter == null ? null : meter.subscribe(reading -> {
                        if (baseLoad.update(reading, setup.baseLoadChangeA())) {
                            LOG.info("Site: the building's load is now {}", baseLoad.latest());
                            listeners.forEach(Runnable::run);
                        }
                    });
                }

                @Override
                public void removedService(ServiceReference<Meter> reference, AutoCloseable subscription) {
                    try {
                        subscription.close();
                    } catch (Exception e) {
                        LOG.debug("Closing the subscription to the site meter failed", e);
                    }
                    context.ungetService(reference);
                }
            };
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("configuration " + SiteSetup.PID + ": siteMeter: '" + meterId
                    + "' cannot be looked up", e);
        }
        tracker.open();
        return tracker;
    }
}
