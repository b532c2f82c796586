package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.uplink.UplinkBacklog;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet uplink, configured by {@code org.pilegate.uplink} and changed in place: while enabled, its
 * {@link UplinkOutbox} service is registered, so that session changes and fee notices add their events to the outbox
 * in their own transaction, telemetry is recorded, and the relay sends the outbox on the shared workers. While
 * disabled no outbox service is registered, so the store writes as it would without the uplink; nothing is recorded
 * and nothing sent; what waits stays.
 */
@Component(service = UplinkBacklog.class, configurationPid = UplinkSettings.PID)
@Designate(ocd = UplinkConfig.class)
public class UplinkComponent implements UplinkBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);
    /** Events in flight at most; also how many one pass reads. */
    static final int BATCH = 500;
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

    private final JdbcOutbox outbox;
    private final GatewayThreads threads;
    private final Clock clock;
    private final Function<UplinkSettings, Sender> senders;
    private final Function<UplinkOutbox, Runnable> registrar;
    private final Telemetry telemetry;
    private final Map<PileId, AutoCloseable> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong droppedTelemetry = new AtomicLong();
    private volatile Running running;
    private final PileConnectors connectors = new PileConnectors();
    private volatile ChargePoints chargePoints;

    @Activate
    public UplinkComponent(BundleContext context, @Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference GatewayThreads threads, UplinkConfig config) {
        this(dataSource, threads, Clock.systemUTC(), UplinkSettings.of(config), null, outbox -> {
            ServiceRegistration<UplinkOutbox> registration = context.registerService(UplinkOutbox.class, outbox, null);
            return () -> unregister(registration);
        });
    }

    /**
     * @param sender the sender to use instead of a Kafka producer, or null
     * @param registrar offers the outbox to the store while enabled; what it returns withdraws it
     */
    UplinkComponent(DataSource dataSource, GatewayThreads threads, Clock clock, UplinkSettings settings,
            Sender sender, Function<UplinkOutbox, Runnable> registrar) {
        this.outbox = new JdbcOutbox(dataSource);
        this.threads = threads;
        this.clock = clock;
        this.telemetry = new Telemetry(new Records(settings.siteId(), clock), clock);
        this.senders = sender != null ? any -> sender : KafkaSender::new;
        this.registrar = registrar;
        apply(settings);
    }

    /** A wrong value is refused as a whole (the framework logs why); the uplink keeps its last good settings. */
    @Modified
    void modified(UplinkConfig config) {
        apply(UplinkSettings.of(config));
    }

    @Deactivate
    synchronized void deactivate() {
        Optional.ofNullable(running).ifPresent(UplinkComponent::stop);
        running = null;
        subscriptions.values().forEach(UplinkComponent::closeQuietly);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
        connectors.refreshSoon(() -> Optional.ofNullable(chargePoints), threads.workers());
        telemetry.add(pile);
        subscriptions.put(pile.id(), pile.subscribe(status -> {
            if (running != null) {
                telemetry.seen(status);
            }
        }));
    }

    void removePile(PileController pile) {
        telemetry.remove(pile);
        Optional.ofNullable(subscriptions.remove(pile.id())).ifPresent(UplinkComponent::closeQuietly);
    }

    /** The OCPP charge points, where they run, name the connector a charge record's pile is. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setChargePoints(ChargePoints registry) {
        chargePoints = registry;
        connectors.refresh(Optional.of(registry));
    }

    void unsetChargePoints(ChargePoints registry) {
        if (chargePoints == registry) {
            chargePoints = null;
            connectors.refresh(Optional.empty());
        }
    }

    /** The outbox the store writes to, while enabled. */
    Optional<UplinkOutbox> recording() {
        return Optional.ofNullable(running).map(Running::outbox);
    }

    @Override
    public Backlog backlog() {
        Running current = running;
        return outbox.backlog(current != null, droppedTelemetry.get(),
                current == null ? 0 : current.relay().sent(),
                current == null ? Optional.empty() : current.relay().lastError());
    }

    /**
     * The new producer is made first: settings it refuses (a key store that cannot be read) leave the old running. The
     * new outbox is offered to the store before the old one is withdrawn, so no change goes unrecorded meanwhile; the
     * new relay starts once the old one stopped, so that two never send the same session's events side by side.
     */
    private synchronized void apply(UplinkSettings settings) {
        Sender sender = settings.enabled() ? senders.apply(settings) : null;
        Running before = running;
        running = sender == null ? null : prepared(settings, sender);
        if (before != null) {
            stop(before);
        }
        Running now = running;
        if (now == null) {
            LOG.info("Uplink disabled");
            return;
        }
        now.schedules().add(threads.every(settings.relayInterval(), settings.relayInterval(), now.relay()::pass));
        now.schedules().add(threads.every(FLUSH_EVERY, FLUSH_EVERY, () -> record(telemetry.flush())));
        now.schedules().add(threads.every(settings.telemetryInterval(), settings.telemetryInterval(),
                () -> record(telemetry.sample())));
        LOG.info("Uplink: {}", settings);
    }

    private Running prepared(UplinkSettings settings, Sender sender) {
        Records records = new Records(settings.siteId(), clock);
        telemetry.records(records);
        RecordingOutbox recording = new RecordingOutbox(records, new ChargeRecords(settings.location(),
                settings.siteId(), connectors));
        return new Running(settings, recording, registrar.apply(recording), new Relay(outbox, sender, BATCH, clock),
                new ArrayList<>());
    }

    private static void stop(Running current) {
        current.withdraw().run();
        current.schedules().forEach(GatewayThreads.Scheduled::cancel);
        current.relay().stop();
    }

    private void record(List<OutboxEvent> events) {
        Running current = running;
        if (current == null || events.isEmpty()) {
            return;
        }
        outbox.addAll(events);
        int dropped = outbox.keepWithin(current.settings().budgetBytes());
        if (dropped > 0) {
            droppedTelemetry.addAndGet(dropped);
            LOG.warn("Uplink: the outbox is past its budget of {} MB; the {} oldest telemetry event(s) dropped",
                    current.settings().budgetBytes() / (1024 * 1024), dropped);
        }
    }

    /** The framework withdrew it already when the bundle stops first. */
    private static void unregister(ServiceRegistration<UplinkOutbox> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            LOG.debug("The uplink outbox was unregistered already");
        }
    }

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("A pile subscription did not close", e);
        }
    }

    private record Running(UplinkSettings settings, RecordingOutbox outbox, Runnable withdraw, Relay relay,
            List<GatewayThreads.Scheduled> schedules) {
    }
}
