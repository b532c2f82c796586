package org.pilegate.uplink.internal;

import java.sql.Connection;
import java.sql.SQLException;
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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.uplink.UplinkBacklog;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet uplink, configured by {@code org.pilegate.uplink} and changed in place: while enabled, session changes and
 * fee notices add their events to the outbox in their own transaction, telemetry is recorded, and the relay sends
 * the outbox on the shared workers. While disabled nothing is recorded and nothing sent; what waits stays.
 */
@Component(service = {UplinkOutbox.class, UplinkBacklog.class}, configurationPid = UplinkSettings.PID)
@Designate(ocd = UplinkConfig.class)
public class UplinkComponent implements UplinkOutbox, UplinkBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);
    /** Events in flight at most; also how many one pass reads. */
    static final int BATCH = 500;
    private static final Duration FLUSH_EVERY = Duration.ofSeconds(1);

    private final JdbcOutbox outbox;
    private final GatewayThreads threads;
    private final Clock clock;
    private final Function<UplinkSettings, Sender> senders;
    private final Telemetry telemetry;
    private final Map<PileId, AutoCloseable> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong droppedTelemetry = new AtomicLong();
    private volatile Running running;

    @Activate
    public UplinkComponent(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference GatewayThreads threads, UplinkConfig config) {
        this(dataSource, threads, Clock.systemUTC(), UplinkSettings.of(config), null);
    }

    /** @param sender the sender to use instead of a Kafka producer, or null */
    UplinkComponent(DataSource dataSource, GatewayThreads threads, Clock clock, UplinkSettings settings,
            Sender sender) {
        this.outbox = new JdbcOutbox(dataSource);
        this.threads = threads;
        this.clock = clock;
        this.telemetry = new Telemetry(new Records(settings.siteId(), clock), clock);
        this.senders = sender != null ? any -> sender : KafkaSender::new;
        apply(settings);
    }

    /** A wrong value is refused as a whole (the framework logs why); the uplink keeps its last good settings. */
    @Modified
    void modified(UplinkConfig config) {
        apply(UplinkSettings.of(config));
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
        subscriptions.values().forEach(UplinkComponent::closeQuietly);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
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

    @Override
    public void sessionChanged(Connection transaction, ChargingSession session) throws SQLException {
        Running current = running;
        if (current != null) {
            JdbcOutbox.add(transaction, current.records().session(session));
        }
    }

    @Override
    public void sessionPriced(Connection transaction, ChargingSession session, Optional<AccountId> account,
            FeeNotice fee, String tariffId) throws SQLException {
        Running current = running;
        if (current != null) {
            JdbcOutbox.add(transaction, current.records().chargeRecord(session.id().value(), fee.issuedAt(),
                    current.chargeRecords().cdr(session, account, fee, tariffId)));
        }
    }

    @Override
    public Backlog backlog() {
        Running current = running;
        return outbox.backlog(current != null, droppedTelemetry.get(),
                current == null ? 0 : current.relay().sent(),
                current == null ? Optional.empty() : current.relay().lastError());
    }

    /** The new producer is made first: settings it refuses (a key store that cannot be read) leave the old running. */
    private synchronized void apply(UplinkSettings settings) {
        Sender sender = settings.enabled() ? senders.apply(settings) : null;
        stop();
        if (sender == null) {
            LOG.info("Uplink disabled");
            return;
        }
        Records records = new Records(settings.siteId(), clock);
        telemetry.records(records);
        Relay relay = new Relay(outbox, sender, BATCH, clock);
        List<GatewayThreads.Scheduled> schedules = new ArrayList<>();
        running = new Running(settings, records, new ChargeRecords(settings.location(), settings.siteId()), relay,
                schedules);
        schedules.add(threads.every(settings.relayInterval(), settings.relayInterval(), relay::pass));
        schedules.add(threads.every(FLUSH_EVERY, FLUSH_EVERY, () -> record(telemetry.flush())));
        schedules.add(threads.every(settings.telemetryInterval(), settings.telemetryInterval(),
                () -> record(telemetry.sample())));
        LOG.info("Uplink: {}", settings);
    }

    private void stop() {
        Running current = running;
        running = null;
        if (current != null) {
            current.schedules().forEach(GatewayThreads.Scheduled::cancel);
            current.relay().stop();
        }
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

    private static void closeQuietly(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("A pile subscription did not close", e);
        }
    }

    private record Running(UplinkSettings settings, Records records, ChargeRecords chargeRecords, Relay relay,
            List<GatewayThreads.Scheduled> schedules) {
    }
}
