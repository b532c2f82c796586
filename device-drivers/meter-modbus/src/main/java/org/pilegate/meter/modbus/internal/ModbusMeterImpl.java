package org.pilegate.meter.modbus.internal;

import org.pilegate.device.config.InvalidConfigurationException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
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
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.meter.modbus.ModbusMeter;
import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.RegisterBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured meter: polls its register map through the shared transport and publishes what
 * {@link ReadingTracker} makes of the answers. Registered by hand rather than by DS, because the service property
 * {@value Meter#ID_PROPERTY} must carry the configured id. Everything a poll changes happens in the meter's driver
 * lane, which also calls the listeners. A meter without a configuration of its own is made by
 * {@link FactoryModbusMeter}.
 */
@Component(configurationPid = ModbusMeter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Config.class, factory = true)
public class ModbusMeterImpl implements ModbusMeter {

    private static final Logger LOG = LoggerFactory.getLogger(ModbusMeterImpl.class);

    private final ModbusManager modbus;
    private final ProfileCatalog catalog;
    /** Steady: a step of the wall clock neither marks answering meters stale nor hides a silent one. */
    private final SteadyClock clock = SteadyClock.system();
    private final DriverLane driver;
    private final ReadingTracker tracker;
    private final List<Consumer<MeterReading>> listeners = new CopyOnWriteArrayList<>();
    private final ServiceRegistration<?> registration;
    private volatile Polling polling;
    private volatile Optional<MeterReading> latest = Optional.empty();

    @Activate
    public ModbusMeterImpl(@Reference ModbusManager modbus, BundleContext context, Config config,
            Map<String, Object> properties) {
        this.modbus = modbus;
        this.catalog = ProfileCatalog.withOperatorProfiles(Optional.ofNullable(context.getProperty("karaf.etc")));
        MeterSettings settings = settings(config, properties);
        driver = modbus.lane(settings.id());
        try {
            tracker = new ReadingTracker(settings, clock.instant());
            polling = new Polling(settings);
            registration = context.registerService(new String[] {Meter.class.getName(), ModbusMeter.class.getName()},
                    this, serviceProperties(settings));
        } catch (RuntimeException e) {
            Optional.ofNullable(polling).ifPresent(Polling::stop);
            driver.close();
            throw e;
        }
        LOG.info("Meter {} reads unit {} at {} with profile {} in {} request(s) every {} ms", settings.id(),
                settings.unitId(), settings.endpoint(), settings.profile().id(), polling.plan.reads().size(),
                settings.pollInterval().toMillis());
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        MeterSettings next = settings(config, properties);
        Polling previous = polling;
        previous.stop();
        // queued before the new polls exist, so their first answer already meets the new settings
        driver.execute(() -> tracker.reconfigure(next));
        polling = new Polling(next);
        if (!next.id().equals(previous.settings.id())) {
            registration.setProperties(serviceProperties(next));
        }
        LOG.info("Meter {} reconfigured: unit {} at {} with profile {} every {} ms", next.id(), next.unitId(),
                next.endpoint(), next.profile().id(), next.pollInterval().toMillis());
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        polling.stop();
        driver.close();
    }

    @Override
    public String id() {
        return polling.settings.id();
    }

    @Override
    public Optional<MeterReading> latest() {
        return latest;
    }

    @Override
    public AutoCloseable subscribe(Consumer<MeterReading> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public ModbusEndpoint endpoint() {
        return polling.settings.endpoint();
    }

    @Override
    public int unitId() {
        return polling.settings.unitId();
    }

    @Override
    public MeterProfile profile() {
        return polling.settings.profile();
    }

    private MeterSettings settings(Config config, Map<String, Object> properties) {
        try {
            return MeterSettings.of(config, properties, catalog);
        } catch (InvalidConfigurationException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }

    private static Hashtable<String, Object> serviceProperties(MeterSettings settings) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Meter.ID_PROPERTY, settings.id());
        return properties;
    }

    /** In the driver lane. */
    private void publish(MeterReading reading) {
        latest = Optional.of(reading);
        for (Consumer<MeterReading> listener : listeners) {
            try {
                listener.accept(reading);
            } catch (RuntimeException e) {
                LOG.warn("A listener of meter {} failed on {}", polling.settings.id(), reading, e);
            }
        }
    }

    /** One request's latest answer, and when the meter was asked for it: its values are no older. */
    private record Answer(RegisterBlock block, Instant asked) {
    }

    /** The polls of one configuration; replaced as a whole when the configuration changes. */
    private final class Polling {

        private final MeterSettings settings;
        private final ReadPlan plan;
        private final List<PollTask> tasks;
        private final Future<?> silenceCheck;
        private volatile boolean stopped;
        // the rest is touched in the driver lane only
        // keyed by the plan's own reads: identity spares hashing their register lists on every answer
        private final Map<MergedRead, Answer> answers = new IdentityHashMap<>();
        private Optional<String> lastError = Optional.empty();

        Polling(MeterSettings settings) {
            this.settings = settings;
            this.plan = ReadPlan.of(settings.profile(), settings.unitId(), settings.mergeGap());
            settings.timeout().ifPresent(timeout -> {
                EndpointSettings defaults = EndpointSettings.DEFAULTS;
                modbus.configure(settings.endpoint(), new EndpointSettings(timeout,
                        defaults.interTransactionDelay(), defaults.maxRetries(), defaults.backoffBase(),
                        defaults.backoffMax(), defaults.reconnect()));
            });
            this.silenceCheck = driver.scheduleAtFixedRate(this::checkSilence, settings.endpoint(),
                    settings.pollInterval(), settings.pollInterval());
            this.tasks = plan.reads().stream()
                    .map(read -> modbus.schedule(settings.endpoint(), read.request(), settings.pollInterval(),
                            callback(read)))
                    .toList();
        }

        void stop() {
            stopped = true;
            tasks.forEach(PollTask::cancel);
            silenceCheck.cancel(false);
        }

        private PollCallback callback(MergedRead read) {
            return new PollCallback() {
                @Override
                public void onData(DataBlock data, long queuedNanos) {
                    Instant asked = clock.at(queuedNanos);
                    // a register read answers with registers
                    driver.execute(() -> answered(read, new Answer((RegisterBlock) data, asked)));
                }

                @Override
                public void onFailure(ModbusException error) {
                    driver.execute(() -> failed(read, error));
                }
            };
        }

        /**
         * Each request is polled on its own schedule; a reading is made once every request of the plan has
         * answered since the last one. A request that failed meanwhile leaves an older answer in the reading
         * beside newer ones, so the reading is dated when its oldest answer was asked for: billing takes a register
         * as read after an event (a contactor opening) only if every figure beside it was asked for after it too.
         */
        private void answered(MergedRead read, Answer answer) {
            if (stopped) {
                return;
            }
            answers.put(read, answer);
            if (answers.size() < plan.reads().size()) {
                return;
            }
            Map<MergedRead, RegisterBlock> complete = new IdentityHashMap<>();
            answers.forEach((request, each) -> complete.put(request, each.block()));
            Instant asked = answers.values().stream().map(Answer::asked).min(Comparator.naturalOrder())
                    .orElseThrow();
            answers.clear();
            lastError = Optional.empty();
            Optional<MeterReading> reading;
            try {
                reading = tracker.answered(asked, plan.decode(complete));
            } catch (IllegalArgumentException garbage) {
                reading = tracker.garbled(asked, garbage.getMessage());
            }
            reading.ifPresent(ModbusMeterImpl.this::publish);
        }

        private void failed(MergedRead read, ModbusException error) {
            if (stopped) {
                return;
            }
            lastError = Optional.of(error.getMessage() + " reading " + read.request());
            LOG.debug("Meter {}: {}", settings.id(), lastError.get());
        }

        private void checkSilence() {
            if (!stopped) {
                tracker.checkSilence(clock.instant(), lastError).ifPresent(ModbusMeterImpl.this::publish);
            }
        }
    }
}
