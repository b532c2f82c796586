package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
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
 * power limit are inputs of its plan, and each pile is told the current the plan gives it now.
 * <p>
 * Piles join when they start and take their stored settings before their controller is offered to anyone, so a pile
 * out of service never opens a session after a restart. Everything that changes who gets how much current runs on
 * one lane, one task after the other: a session admitted to charging, a session that ended, a new cap or site limit.
 * A pile admitted gets its share before its contactor closes, after the others have been told theirs. Admissions and
 * ends that arrive together are shared out together, once, and a pile hears only of a share that changed: at
 * thousands of charging piles a walk over all of them per event would be the depot's bottleneck. The depot also plans
 * anew when the planner says the site changed (its configuration, the building's load) and every re-plan interval.
 */
@Component(service = {DepotControl.class, DepotShares.class})
public class DepotControlComponent implements DepotControl, DepotShares {

    private static final Logger LOG = LoggerFactory.getLogger(DepotControlComponent.class);
    /** IEC 61851: below 6 A the control pilot cannot offer charging at all. */
    private static final int MIN_CURRENT_A = 6;

    /** A pile in the depot, with the depot's subscription to its status. */
    private record Governed(PileMonitor monitor, Supply supply, AutoCloseable subscription) {
    }

    private final JdbcDepotSettings store;
    private final Executor lane;
    private final Map<PileId, Governed> piles = new ConcurrentHashMap<>();
    private final Map<PileId, PileSettings> settings;
    private volatile OptionalLong sitePowerLimitW;
    private final DepotPlanning planning;
    /** The piles with a running session, in the order they started charging; touched on the lane only. */
    private final Map<PileId, DepotPlanning.Admitted> charging = new LinkedHashMap<>();
    /** Sessions admitted so far, numbering them; touched on the lane only. */
    private long admittedCount;
    private final List<AutoCloseable> subscriptions = new ArrayList<>();
    /** The currents last shared out; touched on the lane only. */
    private Map<PileId, Integer> shared = Map.of();
    /** Sessions waiting to be admitted with the next sharing; touched on the lane only. */
    private final List<Admission> admissions = new ArrayList<>();
    /** Whether a sharing is queued on the lane already; touched on the lane only. */
    private boolean sharingQueued;
    /** Runs a task on the lane after a delay: a ramp's follow-up plan. */
    volatile BiConsumer<Duration, Runnable> later = (delay, task) -> { };
    /** Whether a ramp's follow-up plan is scheduled; touched on the lane only. */
    private boolean followUpScheduled;

    /** A session to admit: its pile starts charging once the depot has given it its share. */
    private record Admission(PileId pile, ChargingInfo info, long startRegisterWh,
            CompletableFuture<PileStatus> charged) {
    }

    @Activate
    public DepotControlComponent(@Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference GatewayThreads threads, @Reference DepotPlanner planner) {
        this(dataSource, Clock.systemUTC(), new Lane(threads.workers()), planner);
        Duration interval = planner.replanInterval();
        GatewayThreads.Scheduled replans = threads.every(interval, interval, () -> lane.execute(this::shareSoon));
        subscriptions.add(replans::cancel);
        later = (delay, task) -> threads.after(delay, () -> lane.execute(task));
    }

    DepotControlComponent(DataSource dataSource, Clock clock, Executor lane, DepotPlanner planner) {
        this.store = new JdbcDepotSettings(dataSource, clock);
        this.lane = lane;
        this.planning = new DepotPlanning(planner, clock);
        subscriptions.add(planner.subscribe(() -> lane.execute(this::shareSoon)));
        this.settings = new ConcurrentHashMap<>(store.piles());
        this.sitePowerLimitW = store.sitePowerLimitW();
        LOG.info("Depot: {} pile setting(s) stored; site power {}", settings.size(), describe(sitePowerLimitW));
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
        AutoCloseable subscription = monitor.subscribe(status -> lane.execute(() -> ended(pile)));
        Governed previous = piles.put(pile, new Governed(monitor, supply, subscription));
        if (previous != null) {
            LOG.warn("Depot: pile {} is configured twice; the newer configuration governs it", pile);
            close(previous);
        }
    }

    @Override
    public void resupply(PileId pile, PileMonitor monitor, Supply supply) {
        piles.computeIfPresent(pile, (id, governed) -> governed.monitor() == monitor
                ? new Governed(monitor, supply, governed.subscription()) : governed);
        lane.execute(this::shareSoon);
    }

    @Override
    public void leave(PileId pile, PileMonitor monitor) {
        Governed governed = piles.get(pile);
        if (governed != null && governed.monitor() == monitor && piles.remove(pile, governed)) {
            close(governed);
            lane.execute(() -> ended(pile));
        }
    }

    @Override
    public CompletionStage<PileStatus> charge(PileId pile, ChargingInfo info, long startRegisterWh) {
        CompletionStage<PileStatus> charged = onLane(() -> {
            running(pile);
            CompletableFuture<PileStatus> admitted = new CompletableFuture<>();
            admissions.add(new Admission(pile, info, startRegisterWh, admitted));
            shareSoon();
            return admitted;
        });
        // a contactor that did not close frees the share it was given
        return charged.whenComplete((status, failure) -> {
            if (failure != null) {
                lane.execute(() -> ended(pile));
            }
        });
    }

    @Override
    public PileSettings settings(PileId pile) {
        return settings.getOrDefault(Objects.requireNonNull(pile, "pile"), PileSettings.UNRESTRICTED);
    }

    @Override
    public CompletionStage<PileStatus> setAvailable(PileId pile, boolean available) {
        return onLane(() -> {
            Governed governed = running(pile);
            save(pile, new PileSettings(available, settings(pile).currentLimitA()));
            LOG.info("Depot: pile {} {} service", pile, available ? "back in" : "out of");
            return CompletableFuture.completedFuture(governed.monitor().putInService(available));
        });
    }

    @Override
    public CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA) {
        Objects.requireNonNull(limitA, "limitA");
        return onLane(() -> {
            Governed governed = running(pile);
            int maxA = governed.supply().maxCurrentA();
            if (limitA.isPresent() && (limitA.getAsInt() < MIN_CURRENT_A || limitA.getAsInt() > maxA)) {
                throw new IllegalArgumentException("the current limit of pile " + pile + " must be "
                        + MIN_CURRENT_A + " to " + maxA + " A, not " + limitA.getAsInt());
            }
            save(pile, new PileSettings(settings(pile).available(), limitA));
            LOG.info("Depot: pile {} current cap {}", pile, limitA.isPresent() ? limitA.getAsInt() + " A"
                    : "lifted (" + maxA + " A)");
            CompletionStage<PileStatus> applied = share().get(pile);
            return applied != null ? applied : CompletableFuture.completedFuture(governed.monitor().status());
        });
    }

    @Override
    public OptionalLong sitePowerLimitW() {
        return sitePowerLimitW;
    }

    @Override
    public void limitSitePower(OptionalLong limitW) {
        Objects.requireNonNull(limitW, "limitW");
        if (limitW.isPresent() && limitW.getAsLong() < 0) {
            throw new IllegalArgumentException("the site's power limit must not be negative: " + limitW.getAsLong()
                    + " W");
        }
        store.saveSitePowerLimitW(limitW);
        sitePowerLimitW = limitW;
        LOG.info("Depot: site power {}", describe(limitW));
        lane.execute(this::shareSoon);
    }

    /** A pile's session may have ended: when it has, the others share what it had. */
    private void ended(PileId pile) {
        Governed governed = piles.get(pile);
        if (charging.containsKey(pile) && (governed == null || !governed.monitor().running())) {
            charging.remove(pile);
            shareSoon();
        }
    }

    /** Queues one sharing behind what the lane holds now, so that the events queued with it share out once. */
    private void shareSoon() {
        if (!sharingQueued) {
            sharingQueued = true;
            lane.execute(this::admitAndShare);
        }
    }

    private void admitAndShare() {
        sharingQueued = false;
        List<Admission> admitted = new ArrayList<>(admissions);
        admissions.clear();
        admitted.forEach(admission -> charging.put(admission.pile(), new DepotPlanning.Admitted(admission.info(),
                admission.startRegisterWh(), ++admittedCount)));
        share();
        for (Admission admission : admitted) {
            Governed governed = piles.get(admission.pile());
            CompletionStage<PileStatus> charged = governed == null
                    ? CompletableFuture.failedFuture(new IllegalArgumentException("there is no pile "
                            + admission.pile() + " at this depot"))
                    : governed.monitor().charge(admission.info(), admission.startRegisterWh());
            charged.whenComplete((status, failure) -> {
                if (failure != null) {
                    admission.charged().completeExceptionally(failure);
                } else {
                    admission.charged().complete(status);
                }
            });
        }
    }

    /**
     * Plans the site's supply for the charging piles and tells each whose current changed.
     *
     * @return what telling them came to, by pile
     */
    private Map<PileId, CompletionStage<PileStatus>> share() {
        List<DepotPlanning.Charging> claims = new ArrayList<>();
        Map<PileId, PileMonitor> monitors = new HashMap<>();
        charging.forEach((pile, admitted) -> {
            Governed governed = piles.get(pile);
            if (governed != null) {
                monitors.put(pile, governed.monitor());
                claims.add(new DepotPlanning.Charging(pile, governed.supply(), settings(pile), admitted,
                        governed.monitor().status().energyWh()));
            }
        });
        Map<PileId, Integer> currents = new HashMap<>();
        try {
            Plan plan = planning.plan(claims, shared, sitePowerLimitW);
            plan.piles().forEach((pile, planned) -> currents.put(pile, planned.currentA()));
            planning.rampFollowUp(plan).filter(delay -> !followUpScheduled).ifPresent(delay -> {
                followUpScheduled = true;
                later.accept(delay, () -> {
                    followUpScheduled = false;
                    shareSoon();
                });
            });
        } catch (RuntimeException e) {
            // without a plan no current is known to be within the fuses: the sessions pause until the next plan
            LOG.error("Depot: the plan failed; the charging piles pause at 0 A until the next plan", e);
            claims.forEach(claim -> currents.put(claim.pile(), 0));
        }
        // only what changed: with thousands of piles charging the whole table would flood the log and the relays
        Map<PileId, Integer> changed = new TreeMap<>(Comparator.comparing(PileId::value));
        currents.forEach((pile, currentA) -> {
            if (!currentA.equals(shared.get(pile))) {
                changed.put(pile, currentA);
            }
        });
        if (!changed.isEmpty() || currents.size() != shared.size()) {
            LOG.info("Depot: {} piles charging; current now {} (site power {})", currents.size(),
                    changed.isEmpty() ? "unchanged for those still charging" : changed, describe(sitePowerLimitW));
        }
        shared = currents;
        Map<PileId, CompletionStage<PileStatus>> applied = new HashMap<>();
        changed.forEach((pile, currentA) -> applied.put(pile, monitors.get(pile).allow(currentA)));
        return applied;
    }

    private void save(PileId pile, PileSettings changed) {
        store.save(pile, changed);
        settings.put(pile, changed);
    }

    private Governed running(PileId pile) {
        Governed governed = piles.get(Objects.requireNonNull(pile, "pile"));
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

    private static void close(Governed governed) {
        close(governed.subscription());
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing the depot's subscription failed", e);
        }
    }

    private static String describe(OptionalLong limitW) {
        return limitW.isPresent() ? "limited to " + limitW.getAsLong() + " W" : "not limited";
    }
}
