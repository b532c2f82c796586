package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.DepotPlanner;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's hold on the depot: which piles are in service, the current each may offer, and the site's supply
 * shared among the piles that charge by the depot's planner ({@link DepotPlanner}): the operator's caps and site
 * power limit are inputs of its plan ({@link DepotSettings}), and each pile is told the current the plan gives it now
 * ({@link DepotSharing}).
 * <p>
 * Piles join when they start and take their stored settings before their controller is offered to anyone, so a pile
 * out of service never opens a session after a restart. Everything that changes who gets how much current runs on
 * one lane, one task after the other: a session admitted to charging, a session that ended, a new cap or site limit.
 * The depot also plans anew when the planner says the site changed (its configuration, the building's load) and
 * every re-plan interval.
 */
@Component(service = {DepotControl.class, DepotShares.class})
public class DepotControlComponent implements DepotControl, DepotShares {

    private static final Logger LOG = LoggerFactory.getLogger(DepotControlComponent.class);

    private final Executor lane;
    private final Map<PileId, GovernedPile> piles = new ConcurrentHashMap<>();
    private final DepotSettings settings;
    private final DepotPlanning planning;
    private final DepotSharing sharing;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** Runs a task on the lane after a delay: a ramp's follow-up plan. */
    volatile BiConsumer<Duration, Runnable> later = (delay, task) -> { };

    @Activate
    public DepotControlComponent(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference GatewayThreads threads, @Reference DepotPlanner planner) {
        this(dataSource, Clock.systemUTC(), new Lane(threads.workers()), planner);
        Duration interval = planner.replanInterval();
        GatewayThreads.Scheduled replans = threads.every(interval, interval, () -> lane.execute(sharing::shareSoon));
        subscriptions.add(replans::cancel);
        later = (delay, task) -> threads.after(delay, () -> lane.execute(task));
    }

    DepotControlComponent(DataSource dataSource, Clock clock, Executor lane, DepotPlanner planner) {
        this.lane = lane;
        this.settings = new DepotSettings(new JdbcDepotSettings(dataSource, clock));
        this.planning = new DepotPlanning(planner, clock);
        this.sharing = new DepotSharing(lane, planning, piles::get, settings::of, settings::sitePowerLimitW,
                (delay, task) -> later.accept(delay, task));
        subscriptions.add(planner.subscribe(() -> lane.execute(sharing::shareSoon)));
        LOG.info("Depot: {} pile setting(s) stored; site power {}", settings.stored(),
                DepotSettings.describe(settings.sitePowerLimitW()));
    }

    @Deactivate
    void deactivate() {
        subscriptions.forEach(DepotControlComponent::close);
    }

    @Override
    public Optional<Plan> plan() {
        return Optional.of(planning.latest());
    }

    @Override
    public void join(PileId pile, PileMonitor monitor, Supply supply) {
        monitor.putInService(settings(pile).available());
        AutoCloseable subscription = monitor.subscribe(status -> lane.execute(() -> sharing.ended(pile)));
        GovernedPile previous = piles.put(pile, new GovernedPile(monitor, supply, subscription));
        if (previous != null) {
            LOG.warn("Depot: pile {} is configured twice; the newer configuration governs it", pile);
            close(previous.subscription());
        }
    }

    @Override
    public void resupply(PileId pile, PileMonitor monitor, Supply supply) {
        piles.computeIfPresent(pile, (id, governed) -> governed.monitor() == monitor
                ? new GovernedPile(monitor, supply, governed.subscription()) : governed);
        lane.execute(sharing::shareSoon);
    }

    @Override
    public void leave(PileId pile, PileMonitor monitor) {
        GovernedPile governed = piles.get(pile);
        if (governed != null && governed.monitor() == monitor && piles.remove(pile, governed)) {
            close(governed.subscription());
            lane.execute(() -> sharing.ended(pile));
        }
    }

    @Override
    public CompletionStage<PileStatus> charge(PileId pile, ChargingInfo info, long startRegisterWh) {
        CompletionStage<PileStatus> charged = onLane(() -> {
            running(pile);
            return sharing.admit(pile, info, startRegisterWh);
        });
        // a contactor that did not close frees the share it was given
        return charged.whenComplete((status, failure) -> {
            if (failure != null) {
                lane.execute(() -> sharing.ended(pile));
            }
        });
    }

    @Override
    public PileSettings settings(PileId pile) {
        return settings.of(pile);
    }

    @Override
    public CompletionStage<PileStatus> setAvailable(PileId pile, boolean available) {
        return onLane(() -> {
            GovernedPile governed = running(pile);
            settings.setAvailable(pile, available);
            LOG.info("Depot: pile {} {} service", pile, available ? "back in" : "out of");
            return CompletableFuture.completedFuture(governed.monitor().putInService(available));
        });
    }

    @Override
    public CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA) {
        Objects.requireNonNull(limitA, "limitA");
        return onLane(() -> {
            GovernedPile governed = running(pile);
            int maxA = governed.supply().maxCurrentA();
            settings.limitCurrent(pile, limitA, maxA);
            LOG.info("Depot: pile {} current cap {}", pile, limitA.isPresent() ? limitA.getAsInt() + " A"
                    : "lifted (" + maxA + " A)");
            CompletionStage<PileStatus> applied = sharing.share().get(pile);
            return applied != null ? applied : CompletableFuture.completedFuture(governed.monitor().status());
        });
    }

    @Override
    public OptionalLong sitePowerLimitW() {
        return settings.sitePowerLimitW();
    }

    @Override
    public void limitSitePower(OptionalLong limitW) {
        settings.limitSitePower(limitW);
        LOG.info("Depot: site power {}", DepotSettings.describe(limitW));
        lane.execute(sharing::shareSoon);
    }

    private GovernedPile running(PileId pile) {
        GovernedPile governed = piles.get(Objects.requireNonNull(pile, "pile"));
        if (governed == null) {
            throw new IllegalArgumentException("there is no pile " + pile + " at this depot");
        }
        return governed;
    }

    /**
     * Runs {@code work} on the lane. The stage fails with what the work threw, an {@link IllegalArgumentException}
     * say, unwrapped.
     */
    private CompletionStage<PileStatus> onLane(Supplier<CompletionStage<PileStatus>> work) {
        CompletableFuture<PileStatus> result = new CompletableFuture<>();
        lane.execute(() -> {
            try {
                work.get().whenComplete((status, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure instanceof CompletionException wrapped
                                && wrapped.getCause() != null ? wrapped.getCause() : failure);
                    } else {
                        result.complete(status);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing the depot's subscription failed", e);
        }
    }
}
