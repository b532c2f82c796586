package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
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
import org.pilegate.pile.PileController;
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

    private final PileWatchdog watchdog;
    private final PileId id;
    private final PileMonitor monitor;
    private final int maxCurrentA;
    private final String relayId;
    private final ServiceTracker<Meter, Followed<Meter>> meters;
    private final ServiceTracker<Relay, Followed<Relay>> relays;
    private final ServiceRegistration<PileController> registration;

    @Activate
    public PileControllerComponent(@Reference PileWatchdog watchdog, BundleContext context, PileConfig config,
            Map<String, Object> properties) {
        this.watchdog = watchdog;
        String pid = String.valueOf(properties.getOrDefault("service.pid", PID));
        try {
            this.id = new PileId(config.id());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("configuration " + pid + ": id: " + e.getMessage(), e);
        }
        requireDevice(pid, "meter", config.meter());
        requireDevice(pid, "relay", config.relay());
        relayId = config.relay();
        if (config.maxCurrentA() < 6 || config.maxCurrentA() > RelayCommand.MAX_CURRENT_A) {
            throw new IllegalArgumentException("configuration " + pid + ": maxCurrentA: must be 6.."
                    + RelayCommand.MAX_CURRENT_A + " A, not " + config.maxCurrentA());
        }
        if (config.idleFinishS() < 1) {
            throw new IllegalArgumentException("configuration " + pid + ": idleFinishS: must be at least 1 s, not "
                    + config.idleFinishS());
        }
        maxCurrentA = config.maxCurrentA();
        monitor = new PileMonitor(id, config.meter(), config.relay(), Clock.systemUTC(),
                Duration.ofMillis(config.graceMs()), Duration.ofSeconds(config.idleFinishS()), this::sendToRelay);
        meters = follow(context, Meter.class, Meter.ID_PROPERTY, config.meter(),
                meter -> meter.subscribe(monitor::onMeterReading));
        relays = follow(context, Relay.class, Relay.ID_PROPERTY, config.relay(),
                relay -> relay.subscribe(monitor::onRelayState));
        watchdog.watch(monitor);
        Dictionary<String, Object> serviceProperties = new Hashtable<>();
        serviceProperties.put(ID_PROPERTY, id.value());
        registration = context.registerService(PileController.class, this, serviceProperties);
        LOG.info("Pile {} follows meter {} and relay {}", id, config.meter(), config.relay());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
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
        return maxCurrentA;
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
        return monitor.charge(info, startRegisterWh);
    }

    @Override
    public CompletionStage<PileStatus> finish(String reason) {
        return monitor.finish(reason);
    }

    private CompletionStage<RelayState> sendToRelay(RelayCommand command) {
        Followed<Relay> relay = relays.getService();
        if (relay == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + relayId + " is not running"));
        }
        return relay.device().execute(command);
    }

    private static void requireDevice(String pid, String key, String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("configuration " + pid + ": " + key + ": required, but missing");
        }
    }

    /** A device service in use, with the pile's subscription to it. */
    private record Followed<D>(D device, AutoCloseable subscription) {
    }

    /** Tracks the device service with {@code property=deviceId}, subscribed while it is there. */
    private static <D> ServiceTracker<D, Followed<D>> follow(BundleContext context, Class<D> type, String property,
            String deviceId, java.util.function.Function<D, AutoCloseable> subscribe) {
        String filter = "(&(objectClass=" + type.getName() + ")(" + property + "=" + deviceId + "))";
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
