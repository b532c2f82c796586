package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.tariff.TariffUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's commands for this site, from {@code <prefix>.commands} while the uplink is enabled and
 * {@code acceptCommands} is set (configuration {@code org.pilegate.uplink}, changed in place). The topic is looked at
 * on the shared workers twice a second; a batch's commands are applied one after the other, the next look waiting
 * until the last is answered. Every hour the ids of commands answered longer ago than {@code commandRetentionH} are
 * forgotten.
 */
@Component(service = {}, configurationPid = UplinkSettings.PID)
public class DownlinkComponent {

    private static final Logger LOG = LoggerFactory.getLogger(DownlinkComponent.class);
    static final Duration LOOK_EVERY = Duration.ofMillis(500);
    /** How often the ids of commands past their retention are forgotten. */
    static final Duration FORGET_EVERY = Duration.ofHours(1);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final JdbcOutbox outbox;
    private final GatewayThreads threads;
    private final Clock clock;
    private final Function<UplinkSettings, CommandFeed> feeds;
    private final Set<PileId> piles = ConcurrentHashMap.newKeySet();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DepotControl depot;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile TariffUpdates tariffs;
    private Reading reading;
    private GatewayThreads.Scheduled forgetting;

    @Activate
    public DownlinkComponent(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference GatewayThreads threads, UplinkConfig config) {
        this(dataSource, threads, Clock.systemUTC(), CommandFeed::new, UplinkSettings.of(config));
    }

    DownlinkComponent(DataSource dataSource, GatewayThreads threads, Clock clock,
            Function<UplinkSettings, CommandFeed> feeds, UplinkSettings settings) {
        this.outbox = new JdbcOutbox(dataSource);
        this.threads = threads;
        this.clock = clock;
        this.feeds = feeds;
        apply(settings);
    }

    @Modified
    void modified(UplinkConfig config) {
        apply(UplinkSettings.of(config));
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
        piles.add(pile.id());
    }

    void removePile(PileController pile) {
        piles.remove(pile.id());
    }

    private synchronized void apply(UplinkSettings settings) {
        stop();
        // answered commands are forgotten in time even while no more are accepted
        JdbcCommands commands = new JdbcCommands(outbox);
        forgetting = threads.every(Duration.ZERO, FORGET_EVERY, () -> forget(commands, settings.commandRetention()));
        if (!settings.enabled() || !settings.acceptCommands()) {
            return;
        }
        Downlink downlink = new Downlink(new CommandReader(settings.siteId(), settings.commandLifetimeMax()),
                new CommandApplier(() -> Optional.ofNullable(depot), () -> Optional.ofNullable(tariffs),
                        piles::contains), commands, new Records(settings.siteId(), clock), clock);
        reading = new Reading(feeds.apply(settings), downlink);
        reading.schedule = threads.every(LOOK_EVERY, LOOK_EVERY, reading::look);
        LOG.info("Uplink: commands for site {} accepted from {}", settings.siteId(), settings.commandsTopic());
    }

    private void forget(JdbcCommands commands, Duration retention) {
        int forgotten = commands.forgetAnsweredBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            LOG.info("Uplink: {} command(s) answered more than {} h ago forgotten", forgotten, retention.toHours());
        }
    }

    private void stop() {
        if (forgetting != null) {
            forgetting.cancel();
            forgetting = null;
        }
        if (reading != null) {
            reading.close();
            reading = null;
        }
    }

    /** One consumer's reading of the topic, until the settings change. */
    private static final class Reading {

        private final CommandFeed feed;
        private final Downlink downlink;
        private GatewayThreads.Scheduled schedule;
        private CompletableFuture<Void> underway = DONE;
        private boolean closed;

        Reading(CommandFeed feed, Downlink downlink) {
            this.feed = feed;
            this.downlink = downlink;
        }

        synchronized void look() {
            if (closed || !underway.isDone()) {
                return;
            }
            if (underway.isCompletedExceptionally()) {
                LOG.warn("Uplink: a command could not be answered ({}); its batch is read again",
                        underway.handle((ignored, failure) -> failure.toString()).join());
                feed.again();
            }
            List<ConsumerRecord<String, String>> records = feed.next();
            CompletableFuture<Void> chain = DONE;
            for (ConsumerRecord<String, String> record : records) {
                chain = chain.thenCompose(done -> downlink.handle(record.value(), CommandFeed.where(record)));
            }
            underway = chain;
        }

        synchronized void close() {
            closed = true;
            schedule.cancel();
            feed.close();
        }
    }
}
