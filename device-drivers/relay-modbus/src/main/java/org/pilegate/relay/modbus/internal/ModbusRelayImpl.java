package org.pilegate.relay.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
import org.pilegate.api.relay.RelayCommand.CloseContactor;
import org.pilegate.api.relay.RelayCommand.OpenContactor;
import org.pilegate.api.relay.RelayCommand.SetCurrentLimit;
import org.pilegate.api.relay.RelayState;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.ContactorOutput;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.device.profile.VehicleIdBlock;
import org.pilegate.modbus.BitBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.WriteCoil;
import org.pilegate.modbus.WriteRegister;
import org.pilegate.modbus.WriteRegisters;
import org.pilegate.modbus.WriteRequest;
import org.pilegate.relay.modbus.ModbusRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured pile controller: polls its state, carries out commands one at a time and reads each back to prove
 * it was taken. Registered by hand rather than by DS, because the service property {@value Relay#ID_PROPERTY} must
 * carry the configured id. Polls are triggered, and states published, in the relay's driver lane.
 */
@Component(configurationPid = ModbusRelay.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Config.class, factory = true)
public final class ModbusRelayImpl implements ModbusRelay {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusRelayImpl.class);
    /** Pause between read-backs while a command settles. */
    private static final Duration READ_BACK_SPACING = Duration.ofMillis(50);

    /** A configuration in force, with the reads it implies. */
    private record Device(RelaySettings settings, RelayPlan plan) {
    }

    private final ModbusManager modbus;
    private final ProfileCatalog catalog;
    private final Clock clock = Clock.systemUTC();
    private final DriverLane driver;
    private final List<Consumer<RelayState>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean vehicleIdTrouble = new AtomicBoolean();
    private final ServiceRegistration<?> registration;
    private volatile Device device;
    private volatile Future<?> polls;
    private volatile Optional<RelayState> latest = Optional.empty();
    private volatile boolean responsive;
    private volatile boolean deactivated;
    // what was last offered, for controllers without a current-limit register to read it from
    private volatile int commandedLimitA;
    private final Object commandLock = new Object();
    private CompletableFuture<RelayState> lastCommand = CompletableFuture.completedFuture(null); // guarded by commandLock
    // driver lane only
    private boolean pollInFlight;
    private boolean failing;

    @Activate
    public ModbusRelayImpl(@Reference ModbusManager modbus, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.modbus = modbus;
        this.catalog = ProfileCatalog.withOperatorProfiles(Optional.ofNullable(context.getProperty("karaf.etc")));
        Device configured = device(config, properties);
        driver = modbus.lane(configured.settings().id());
        try {
            start(configured);
            registration = context.registerService(new String[] {Relay.class.getName(), ModbusRelay.class.getName()},
                    this, serviceProperties(configured.settings()));
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        LOG.info("Relay {} drives unit {} at {} with profile {}, polled every {} ms", id(), unitId(), endpoint(),
                profile().id(), configured.settings().pollInterval().toMillis());
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        Device next = device(config, properties);
        String previousId = id();
        polls.cancel(false);
        start(next);
        if (!next.settings().id().equals(previousId)) {
            registration.setProperties(serviceProperties(next.settings()));
        }
        LOG.info("Relay {} reconfigured: unit {} at {} with profile {}, polled every {} ms", id(), unitId(),
                endpoint(), profile().id(), next.settings().pollInterval().toMillis());
    }

    @Deactivate
    void deactivate() {
        deactivated = true;
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
        Objects.requireNonNull(command, "command");
        synchronized (commandLock) {
            // after the previous command, whatever its outcome
            CompletableFuture<RelayState> result = lastCommand.handle((state, error) -> null)
                    .thenCompose(previous -> carryOut(command, device));
            lastCommand = result;
            // callers cannot complete it and so jump the queue
            return result.minimalCompletionStage();
        }
    }

    private Device device(Config config, Map<String, Object> properties) {
        try {
            RelaySettings settings = RelaySettings.of(config, properties, catalog);
            return new Device(settings, RelayPlan.of(settings.profile(), settings.unitId()));
        } catch (InvalidConfigurationException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }

    private void start(Device next) {
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
        readState(device).whenCompleteAsync((state, error) -> {
            pollInFlight = false;
            if (error == null) {
                answered(state);
            } else {
                pollFailed(error);
            }
        }, driver);
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
            LOG.debug("Relay {} still cannot be read: {}", id(), cause(error).toString());
        } else {
            failing = true;
            LOG.warn("Relay {} cannot be read: {}; it counts as unresponsive", id(), cause(error).toString());
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

    /** The controller's state, stamped with the time it was asked for. */
    private CompletableFuture<RelayState> readState(Device device) {
        Instant requested = clock.instant();
        ModbusEndpoint endpoint = device.settings().endpoint();
        RelayPlan plan = device.plan();
        List<CompletableFuture<RegisterBlock>> registers = new ArrayList<>(plan.registerReads().size());
        plan.registerReads().forEach(read -> registers.add(modbus.read(endpoint, read.request())
                .toCompletableFuture()));
        Optional<CompletableFuture<BitBlock>> coil = plan.coilRead()
                .map(read -> modbus.readBits(endpoint, read).toCompletableFuture());
        List<CompletableFuture<?>> all = new ArrayList<>(registers);
        coil.ifPresent(all::add);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(done -> plan.decode(registers.stream().map(CompletableFuture::join).toList(),
                        coil.map(CompletableFuture::join)))
                .thenCompose(signals -> vehicleId(device, signals.plugState().vehiclePresent())
                        .thenApply(vehicle -> new RelayState(signals.contactorClosed(), signals.plugState(), vehicle,
                                signals.currentLimitA().orElse(commandedLimitA), requested)));
    }

    /** The plugged-in vehicle's id; a controller that holds garbage there, or refuses the block, reports none. */
    private CompletableFuture<Optional<VehicleId>> vehicleId(Device device, boolean vehiclePresent) {
        Optional<VehicleIdBlock> block = device.settings().profile().vehicleId();
        if (!vehiclePresent || block.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return modbus.read(device.settings().endpoint(), block.get().read(device.settings().unitId()))
                .toCompletableFuture()
                .thenApply(words -> {
                    Optional<VehicleId> vehicle = block.get().decode(words, 0);
                    vehicleIdTrouble.set(false);
                    return vehicle;
                })
                .exceptionally(error -> {
                    Throwable cause = cause(error);
                    if (!(cause instanceof IllegalArgumentException || hasNoSuchBlock(cause))) {
                        // unreachable, or busy for now (e.g. exception 4): the whole read fails and the next poll
                        // asks again, rather than a vehicle that is there taken for one that cannot be identified
                        throw new CompletionException(cause);
                    }
                    if (vehicleIdTrouble.compareAndSet(false, true)) {
                        LOG.warn("Relay {} holds no usable vehicle id ({}); reporting none", id(), cause.getMessage());
                    }
                    return Optional.empty();
                });
    }

    private CompletableFuture<RelayState> carryOut(RelayCommand command, Device device) {
        if (deactivated) {
            // a queued command must not switch a pile whose driver is gone
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                    + " is deactivated; " + command + " not carried out"));
        }
        if (command instanceof CloseContactor close) {
            return writeLimit(device, close.currentLimitA())
                    .thenCompose(written -> writeContactor(device, true))
                    .thenCompose(written -> readBack(device, command,
                            state -> state.contactorClosed() && state.currentLimitA() == close.currentLimitA(),
                            System.nanoTime()));
        }
        if (command instanceof OpenContactor) {
            return writeContactor(device, false)
                    .thenCompose(written -> readBack(device, command, state -> !state.contactorClosed(),
                            System.nanoTime()));
        }
        if (command instanceof SetCurrentLimit set) {
            if (device.settings().profile().currentLimit().isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                        + " cannot take " + command + ": profile " + device.settings().profile().id()
                        + " has no current-limit register"));
            }
            return writeLimit(device, set.currentLimitA())
                    .thenCompose(written -> readBack(device, command,
                            state -> state.currentLimitA() == set.currentLimitA(), System.nanoTime()));
        }
        throw new IllegalArgumentException("unknown relay command " + command);
    }

    private CompletableFuture<Void> writeLimit(Device device, int limitA) {
        commandedLimitA = limitA;
        Optional<RegisterPoint> limit = device.settings().profile().currentLimit();
        if (limit.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        RegisterBlock words;
        try {
            words = limit.get().fromUnits(limitA);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        int unitId = device.settings().unitId();
        int address = limit.get().address();
        return write(device, words.size() == 1 ? new WriteRegister(unitId, address, words.get(0))
                : new WriteRegisters(unitId, address, words));
    }

    private CompletableFuture<Void> writeContactor(Device device, boolean closed) {
        ContactorOutput contactor = device.settings().profile().contactor();
        int unitId = device.settings().unitId();
        return write(device, contactor.kind() == ContactorOutput.Kind.COIL
                ? new WriteCoil(unitId, contactor.address(), closed)
                : new WriteRegister(unitId, contactor.address(), closed ? contactor.onValue() : contactor.offValue()));
    }

    private CompletableFuture<Void> write(Device device, WriteRequest request) {
        return modbus.write(device.settings().endpoint(), request).toCompletableFuture();
    }

    /** Reads the state back until it shows the command taken, or the settle time since {@code start} has passed. */
    private CompletableFuture<RelayState> readBack(Device device, RelayCommand command, Predicate<RelayState> taken,
            long start) {
        return readState(device).thenCompose(state -> {
            publishFromCommand(state);
            if (taken.test(state)) {
                return CompletableFuture.completedFuture(state);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (waited.compareTo(device.settings().settle()) < 0) {
                // the lane's timer, not CompletableFuture's: on a small machine that starts a thread per delay
                CompletableFuture<Void> later = new CompletableFuture<>();
                try {
                    driver.schedule(() -> later.complete(null), READ_BACK_SPACING);
                } catch (RejectedExecutionException deactivated) {
                    later.completeExceptionally(deactivated);
                }
                return later.thenCompose(spaced -> readBack(device, command, taken, start));
            }
            return CompletableFuture.failedFuture(new IllegalStateException("relay " + device.settings().id()
                    + " did not take " + command + ": after " + waited.toMillis() + " ms it reads contactor "
                    + (state.contactorClosed() ? "closed" : "open") + ", current limit " + state.currentLimitA()
                    + " A"));
        });
    }

    /** The controller says for good that it has no such block: it answers the same however often asked. */
    private static boolean hasNoSuchBlock(Throwable cause) {
        return cause instanceof ModbusSlaveException refused
                && (refused.exceptionCode() == ModbusSlaveException.ILLEGAL_FUNCTION
                        || refused.exceptionCode() == ModbusSlaveException.ILLEGAL_DATA_ADDRESS);
    }

    private static Throwable cause(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
