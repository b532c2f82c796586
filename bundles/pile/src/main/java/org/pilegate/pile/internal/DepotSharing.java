package org.pilegate.pile.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site's supply shared out among the piles that charge, by the depot's plan. Admissions and ends that arrive
 * together are shared out together, once, and a pile hears only of a share that changed: at thousands of charging
 * piles a walk over all of them per event would be the depot's bottleneck. A pile admitted gets its share before its
 * contactor closes, after the others have been told theirs. Touched on the depot's lane only, so it needs no lock.
 */
final class DepotSharing {

    private static final Logger LOG = LoggerFactory.getLogger(DepotSharing.class);

    /** A session to admit: its pile starts charging once the depot has given it its share. */
    private record Admission(PileId pile, ChargingInfo info, long startRegisterWh,
            CompletableFuture<PileStatus> charged) {
    }

    private final Executor lane;
    private final DepotPlanning planning;
    private final Function<PileId, GovernedPile> piles;
    private final Function<PileId, PileSettings> settings;
    private final Supplier<OptionalLong> sitePowerLimitW;
    private final BiConsumer<Duration, Runnable> later;
    /** The piles with a running session, in the order they started charging. */
    private final Map<PileId, DepotPlanning.Admitted> charging = new LinkedHashMap<>();
    /** Sessions admitted so far, numbering them. */
    private long admittedCount;
    /** The currents last shared out. */
    private Map<PileId, Integer> shared = Map.of();
    /** Sessions waiting to be admitted with the next sharing. */
    private final List<Admission> admissions = new ArrayList<>();
    /** Whether a sharing is queued on the lane already. */
    private boolean sharingQueued;
    /** Whether a ramp's follow-up plan is scheduled. */
    private boolean followUpScheduled;

    /**
     * @param piles the pile governed now, null for one that is not
     * @param later runs a task on the lane after a delay: a ramp's follow-up plan
     */
    DepotSharing(Executor lane, DepotPlanning planning, Function<PileId, GovernedPile> piles,
            Function<PileId, PileSettings> settings, Supplier<OptionalLong> sitePowerLimitW,
            BiConsumer<Duration, Runnable> later) {
        this.lane = lane;
        this.planning = planning;
        this.piles = piles;
        this.settings = settings;
        this.sitePowerLimitW = sitePowerLimitW;
        this.later = later;
    }

    /** Admits the pile's session with the next sharing; completes once its contactor closed at its share. */
    CompletionStage<PileStatus> admit(PileId pile, ChargingInfo info, long startRegisterWh) {
        CompletableFuture<PileStatus> admitted = new CompletableFuture<>();
        admissions.add(new Admission(pile, info, startRegisterWh, admitted));
        shareSoon();
        return admitted;
    }

    /** A pile's session may have ended: when it has, the others share what it had. */
    void ended(PileId pile) {
        GovernedPile governed = piles.apply(pile);
        if (charging.containsKey(pile) && (governed == null || !governed.monitor().running())) {
            charging.remove(pile);
            shareSoon();
        }
    }

    /** Queues one sharing behind what the lane holds now, so that the events queued with it share out once. */
    void shareSoon() {
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
            GovernedPile governed = piles.apply(admission.pile());
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
    Map<PileId, CompletionStage<PileStatus>> share() {
        List<DepotPlanning.Charging> claims = new ArrayList<>();
        Map<PileId, PileMonitor> monitors = new HashMap<>();
        charging.forEach((pile, admitted) -> {
            GovernedPile governed = piles.apply(pile);
            if (governed != null) {
                monitors.put(pile, governed.monitor());
                claims.add(new DepotPlanning.Charging(pile, governed.supply(), settings.apply(pile), admitted,
                        governed.monitor().status().energyWh()));
            }
        });
        OptionalLong siteLimitW = sitePowerLimitW.get();
        Map<PileId, Integer> currents = new HashMap<>();
        try {
            Plan plan = planning.plan(claims, shared, siteLimitW);
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
                    changed.isEmpty() ? "unchanged for those still charging" : changed,
                    DepotSettings.describe(siteLimitW));
        }
        shared = currents;
        Map<PileId, CompletionStage<PileStatus>> applied = new HashMap<>();
        changed.forEach((pile, currentA) -> applied.put(pile, monitors.get(pile).allow(currentA)));
        return applied;
    }
}
