package org.pilegate.pile.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.time.SteadyClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured pile. Its meter and relay are followed by id ({@link Devices}) rather than bound as mandatory
 * references, so that a driver bundle being replaced does not restart the pile: the pile waits for the devices to come
 * back, and only faults if they stay away past the grace period.
 */
@Component(configurationPid = PileControllerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = PileConfig.class, factory = true)
public class PileControllerComponent implements PileController {

    static final String PID = "org.pilegate.pile";
    private static final Logger LOG = LoggerFactory.getLogger(PileControllerComponent.class);

    private final PileWatch watchdog;
    private final DepotShares depot;
    private final Devices devices;
    private final PileId id;
    private final PileMonitor monitor;
    private final ServiceRegistration<PileController> registration;
    private volatile PileSetup setup;
    private volatile AutoCloseable followingMeter;
    private volatile AutoCloseable followingRelay;

    @Activate
    public PileControllerComponent(@Reference PileWatch watchdog, @Reference DepotShares depot,
            @Reference Devices devices, BundleContext context, PileConfig config, Map<String, Object> properties) {
        this.watchdog = watchdog;
        this.depot = depot;
        this.devices = devices;
        setup = PileSetup.of(config, properties);
        id = setup.id();
        // steady: a step of the wall clock neither ends an idle session early nor faults a device that answers
        monitor = new PileMonitor(id, setup.meter(), setup.relay(), SteadyClock.system(), setup.grace(),
                setup.idleFinish(), this::sendToRelay);
        // the stored settings apply before the devices are heard and before anyone sees the pile
        depot.join(id, monitor, setup.supply());
        followDevices(setup);
        watchdog.watch(monitor);
        registration = context.registerService(PileController.class, this, serviceProperties(setup));
        LOG.info("Pile {} follows meter {} and relay {}", id, setup.meter(), setup.relay());
    }

    /**
     * A changed configuration applies in place, so a running session goes on. One with a wrong value is refused as a
     * whole (the framework logs why) and the pile keeps its last good configuration.
     */
    @Modified
    void modified(PileConfig config, Map<String, Object> properties) {
        PileSetup next = PileSetup.of(config, properties);
        if (!next.id().equals(id)) {
            throw new IllegalArgumentException("configuration " + next.pid() + ": id: a pile's sessions are kept"
                    + " under its id, so it cannot change from " + id + " to " + next.id() + "; delete this"
                    + " configuration and create one for " + next.id());
        }
        PileSetup previous = setup;
        setup = next;
        monitor.reconfigure(next.meter(), next.relay(), next.grace(), next.idleFinish());
        depot.resupply(id, monitor, next.supply());
        if (!next.meter().equals(previous.meter()) || !next.relay().equals(previous.relay())) {
            AutoCloseable oldMeter = followingMeter;
            AutoCloseable oldRelay = followingRelay;
            followDevices(next);
            close(oldMeter);
            close(oldRelay);
            registration.setProperties(serviceProperties(next));
        }
        LOG.info("Pile {} reconfigured: meter {}, relay {}, at most {} A on {}", id, next.meter(),
                next.relay(), next.maxCurrentA(), next.wiring());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        depot.leave(id, monitor);
        watchdog.forget(monitor);
        close(followingMeter);
        close(followingRelay);
    }

    @Override
    public PileId id() {
        return id;
    }

    @Override
    public PileStatus status() {
        return monitor.status();
    }

    @Override
    public boolean devicesSeen() {
        return monitor.devicesSeen();
    }

    @Override
    public Optional<VehicleId> vehicle() {
        return monitor.vehicle();
    }

    @Override
    public int maxCurrentA() {
        return setup.maxCurrentA();
    }

    @Override
    public AutoCloseable subscribe(Consumer<PileStatus> listener) {
        return monitor.subscribe(listener);
    }

    @Override
    public void prompted() {
        monitor.prompted();
    }

    @Override
    public CompletionStage<PileStatus> charge(ChargingInfo info, long startRegisterWh) {
        if (!info.pileId().equals(id)) {
            throw new IllegalArgumentException("charging info for pile " + info.pileId() + " sent to pile " + id);
        }
        return depot.charge(id, info, startRegisterWh);
    }

    @Override
    public Optional<Plan> plan() {
        return depot.plan();
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        return monitor.finish(reason);
    }

    private static Dictionary<String, Object> serviceProperties(PileSetup setup) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ID_PROPERTY, setup.id().value());
        properties.put(METER_PROPERTY, setup.meter());
        return properties;
    }

    private void followDevices(PileSetup setup) {
        followingMeter = devices.followMeter(setup.meter(), meter -> meter.subscribe(monitor::onMeterReading));
        followingRelay = devices.followRelay(setup.relay(), relay -> relay.subscribe(monitor::onRelayState));
    }

    private CompletionStage<RelayState> sendToRelay(RelayCommand command) {
        return devices.relay(setup.relay()).map(relay -> relay.execute(command))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("relay " + setup.relay()
                        + " is not running")));
    }

    private void close(AutoCloseable following) {
        try {
            following.close();
        } catch (Exception e) {
            LOG.debug("Pile {} could not let go of a device", id, e);
        }
    }
}
