package org.pilegate.pile.internal;

import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.pile.PileController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configured pile. Its meter and relay are followed by id rather than bound as mandatory references, so that a
 * driver bundle being replaced does not restart the pile: the pile waits for the devices to come back, and only
 * faults if they stay away past the grace period.
 */
@Component(configurationPid = PileControllerComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = PileConfig.class, factory = true)
public class PileControllerComponent implements PileController {

    static final String PID = "org.pilegate.pile";
    private static final Logger LOG = LoggerFactory.getLogger(PileControllerComponent.class);

    private final PileWatch watchdog;
    private final DepotShares depot;
    private final BundleContext context;
    private final PileId id;
    private final PileMonitor monitor;
    private final ServiceRegistration<PileController> registration;
    private volatile PileSetup setup;
    private volatile ServiceTracker<Meter, Followed<Meter>> meters;
    private volatile ServiceTracker<Relay, Followed<Relay>> relays;

    @Activate
    public PileControllerComponent(@Reference PileWatch watchdog, @Reference DepotShares depot,
            BundleContext context, PileConfig config, Map<String, Object> properties) {
        this.watchdog = watchdog;
        this.depot = depot;
        this.context = context;
        setup = PileSetup.of(config, properties);
        id = setup.id();
        monitor = new PileMonitor(id, setup.meter(), setup.relay(), Clock.systemUTC(), setup.grace(),
                setup.idleFinish(), this::sendToRelay);
        // the stored settings apply before the devices are heard and before anyone sees the pile
        depot.join(id, monitor, setup.supply());
        followDevices(setup);
        watchdog.watch(monitor);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(ID_PROPERTY, id.value());
        registration = context.registerService(PileController.class, this, serviceProperties);
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
            ServiceTracker<Meter, Followed<Meter>> oldMeters = meters;
            ServiceTracker<Relay, Followed<Relay>> oldRelays = relays;
            followDevices(next);
            oldMeters.close();
            oldRelays.close();
        }
        LOG.info("Pile {} reconfigured: meter {}, relay {}, at most {} A on {} phase(s)", id, next.meter(),
                next.relay(), next.maxCurrentA(), next.phases());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        depot.leave(id, monitor);
        watchdog.forget(monitor);
        meters.close();
        relays.close();
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
    public CompletionStage<PileStatus> finish(String reason) {
        return monitor.finish(reason);
    }

    private void followDevices(PileSetup devices) {
        meters = follow(context, Meter.class, Meter.ID_PROPERTY, devices.meter(),
                meter -> meter.subscribe(monitor::onMeterReading));
        relays = follow(context, Relay.class, Relay.ID_PROPERTY, devices.relay(),
                relay -> relay.subscribe(monitor::onRelayState));
    }

    private CompletionStage<RelayState> sendToRelay(RelayCommand command) {
        Followed<Relay> relay = relays.getService();
        if (relay == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + setup.relay()
                    + " is not running"));
        }
        return relay.device().execute(command);
    }

    /** The id as a filter value that matches it alone: a '*' in it is no wildcard, a ')' does not end the filter. */
    private static String literal(String deviceId) {
        StringBuilder escaped = new StringBuilder(deviceId.length());
        for (char c : deviceId.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** A device service in use, with the pile's subscription to it. */
    private record Followed<D>(D device, AutoCloseable subscription) {
    }

    /** Tracks the device service with {@code property=deviceId}, subscribed while it is there. */
    private static <D> ServiceTracker<D, Followed<D>> follow(BundleContext context, Class<D> type, String property,
            String deviceId, java.util.function.Function<D, AutoCloseable> subscribe) {
        String filter = "(&(objectClass=" + type.getName() + ")(" + property + "=" + literal(deviceId) + "))";
        ServiceTracker<D, Followed<D>> tracker;
        try {
            tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(filter), null) {
                @Override
                public Followed<D> addingService(ServiceReference<D> reference) {
                    D device = context.getService(reference);
                    return device == null ? null : new Followed<>(device, subscribe.apply(device));
                }

                @Override
                public void removedService(ServiceReference<D> reference, Followed<D> followed) {
                    try {
                        followed.subscription().close();
                    } catch (Exception e) {
                        LOG.debug("Closing the subscription to {} failed", deviceId, e);
                    }
                    context.ungetService(reference);
                }
            };
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("device id " + deviceId + " cannot be looked up: " + filter, e);
        }
        tracker.open();
        return tracker;
    }
}
