package org.pilegate.relay.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
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
import org.pilegate.api.relay.Relay;
import org.pilegate.api.relay.RelayCommand;
import org.pilegate.api.relay.RelayState;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.relay.modbus.ModbusRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured pile controller: polls its state ({@link RelayReader}), carries out commands one at a time and reads
 * each back to prove it was taken ({@link RelayCommands}). Registered by hand rather than by DS, because the service
 * property {@value Relay#ID_PROPERTY} must carry the configured id. Polls are triggered, their answers come, and
 * states are published, in the relay's driver lane. A relay without a configuration of its own is made by
 * {@link FactoryModbusRelay}.
 */
@Component(configurationPid = ModbusRelay.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Config.class, factory = true)
public class ModbusRelayImpl implements ModbusRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRelayImpl.class);

    private final ModbusManager modbus;
    private final ProfileCatalog catalog;
    private final DriverLane driver;
    private final RelayReader reader;
    private final RelayCommands commands;
    private final List<Consumer<RelayState>> listeners = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<?> registration;
    private volatile RelayDevice device;
    private volatile Future<?> polls;
    private volatile Optional<RelayState> latest = Optional.empty();
    private volatile boolean responsive;
    // driver lane only
    private boolean pollInFlight;
    private boolean failing;

    @Activate
    public ModbusRelayImpl(@Reference ModbusManager modbus, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.modbus = modbus;
        this.catalog = ProfileCatalog.withOperatorProfiles(Optional.ofNullable(context.getProperty("karaf.etc")));
        RelayDevice configured = device(config, properties);
        driver = modbus.lane(configured.settings().id());
        reader = new RelayReader(modbus, driver, Clock.systemUTC(), System::nanoTime);
        commands = new RelayCommands(modbus, driver, reader, this::publishFromCommand);
        try {
            start(configured);
            registration = context.registerService(new String[] {Relay.class.getName(), ModbusRelay.class.getName()},
                    this, serviceProperties(configured.settings()));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        LOG.info("Relay {} drives unit {} at {} with profile {}, polled every {} ms, in full every {} ms", id(),
                unitId(), endpoint(), profile().id(), configured.settings().pollInterval().toMillis(),
                configured.settings().fullReadInterval().toMillis());
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        RelayDevice next = device(config, properties);
        String previousId = id();
        polls.cancel(false);
        start(next);
        if (!next.settings().id().equals(previousId)) {
            registration.setProperties(serviceProperties(next.settings()));
        }
        LOG.info("Relay {} reconfigured: unit {} at {} with profile {}, polled every {} ms, in full every {} ms",
                id(), unitId(), endpoint(), profile().id(), next.settings().pollInterval().toMillis(),
                next.settings().fullReadInterval().toMillis());
    }

    @Deactivate
    void deactivate() {
        commands.stop();
        registration.unregister();
        polls.cancel(false);
        driver.close();
    }

    @Override
    public String id() {
        return device.settings().id();
    }

    @Override
    public Optional<RelayState> latest() {
        return latest;
    }

    @Override
    public boolean responsive() {
        return responsive;
    }

    @Override
    public AutoCloseable subscribe(Consumer<RelayState> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public ModbusEndpoint endpoint() {
        return device.settings().endpoint();
    }

    @Override
    public int unitId() {
        return device.settings().unitId();
    }

    @Override
    public RelayProfile profile() {
        return device.settings().profile();
    }

    @Override
    public CompletionStage<RelayState> execute(RelayCommand command) {
        return commands.execute(command, () -> device);
    }

    private RelayDevice device(Config config, Map<String, Object> properties) {
        try {
            return RelayDevice.of(RelaySettings.of(config, properties, catalog));
        } catch (InvalidConfigurationException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }

    private void start(RelayDevice next) {
        RelaySettings settings = next.settings();
        settings.timeout().ifPresent(timeout -> {
            EndpointSettings defaults = EndpointSettings.DEFAULTS;
            modbus.configure(settings.endpoint(), new EndpointSettings(timeout, defaults.interTransactionDelay(),
                    defaults.maxRetries(), defaults.backoffBase(), defaults.backoffMax(), defaults.reconnect()));
        });
        device = next;
        polls = driver.scheduleAtFixedRate(this::poll, settings.endpoint(), Duration.ZERO, settings.pollInterval());
    }

    private static Hashtable<String, Object> serviceProperties(RelaySettings settings) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Relay.ID_PROPERTY, settings.id());
        return properties;
    }

    /** In the driver lane; skipped while the previous poll is still waiting for the controller. */
    private void poll() {
        if (pollInFlight) {
            return;
        }
        pollInFlight = true;
        // the reads complete in the driver lane, so the answer is taken here without a further hand-off
        reader.poll(device).whenComplete((state, error) -> {
            pollInFlight = false;
            if (error == null) {
                answered(state);
            } else {
                pollFailed(error);
            }
        });
    }

    /** In the driver lane. */
    private void answered(RelayState state) {
        responsive = true;
        if (failing) {
            failing = false;
            LOG.info("Relay {} can be read again", id());
        }
        // a poll queued behind a command may complete after the command's read-back; its older view must not win
        if (latest.filter(newest -> state.timestamp().isBefore(newest.timestamp())).isPresent()) {
            return;
        }
        latest = Optional.of(state);
        for (Consumer<RelayState> listener : listeners) {
            try {
                listener.accept(state);
            } catch (RuntimeException e) {
                LOG.warn("A listener of relay {} failed on {}", id(), state, e);
            }
        }
    }

    /** In the driver lane. */
    private void pollFailed(Throwable error) {
        responsive = false;
        if (failing) {
            LOG.debug("Relay {} still cannot be read: {}", id(), RelayReader.cause(error).toString());
        } else {
            failing = true;
            LOG.warn("Relay {} cannot be read: {}; it counts as unresponsive", id(),
                    RelayReader.cause(error).toString());
        }
    }

    /** Publishes a state read while carrying out a command, unless the relay has been deactivated since. */
    private void publishFromCommand(RelayState state) {
        try {
            driver.execute(() -> answered(state));
        } catch (RejectedExecutionException shutDown) {
            LOG.debug("Relay {} deactivated; not publishing {}", id(), state);
        }
    }
}
