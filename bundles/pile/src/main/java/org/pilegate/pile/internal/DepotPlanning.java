package org.pilegate.pile.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.DepotPlanner;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;

/**
 * Turns the depot's charging sessions into the planner's demands: each pile's maximum within the session's, the
 * operator's cap, the energy still to its target, its departure, its vehicle's priority, and how far its current may
 * rise since it last changed. Runs on the depot's lane.
 */
final class DepotPlanning {

    /** A session the depot admitted, with the order it started charging in. */
    record Admitted(ChargingInfo info, long startRegisterWh, long order) {
    }

    /** A charging pile as the depot sees it when it plans. */
    record Charging(PileId pile, DepotShares.Supply supply, PileSettings settings, Admitted session,
            long registerWh) {
    }

    /** A ramp is followed up once it may have risen by this much: the least current a pile charges with. */
    private static final int RAMP_STEP_A = 6;
    private static final long MIN_FOLLOW_UP_MS = 1_000;

    private final DepotPlanner planner;
    private final Clock clock;
    /** When each pile's current last changed, for the bound on its rise. */
    private final Map<PileId, Instant> changedAt = new HashMap<>();
    private volatile Plan latest;

    DepotPlanning(DepotPlanner planner, Clock clock) {
        this.planner = planner;
        this.clock = clock;
        this.latest = Plan.empty(clock.instant());
    }

    /**
     * Plans for the charging piles.
     *
     * @param currentA what each pile was told last
     */
    Plan plan(List<Charging> charging, Map<PileId, Integer> currentA, OptionalLong siteLimitW) {
        Instant now = clock.instant();
        List<Demand> demands = new ArrayList<>(charging.size());
        for (Charging pile : charging) {
            ChargingInfo info = pile.session().info();
            OptionalLong need = info.targetEnergyWh().map(target -> OptionalLong.of(Math.max(0,
                    target - (pile.registerWh() - pile.session().startRegisterWh())))).orElse(OptionalLong.empty());
            demands.add(new Demand(pile.pile(), pile.supply().wiring(), pile.supply().voltageV(),
                    Math.min(pile.supply().maxCurrentA(), info.maxCurrentA()), pile.settings().currentLimitA(),
                    riseCap(pile.pile(), currentA.getOrDefault(pile.pile(), 0), now), need, info.departure(),
                    planner.priority(info.vehicleId()), pile.session().order()));
        }
        Plan plan = planner.plan(demands, now, siteLimitW);
        plan.piles().forEach((pile, planned) -> {
            if (planned.currentA() != currentA.getOrDefault(pile, 0)) {
                changedAt.put(pile, now);
            }
        });
        changedAt.keySet().retainAll(plan.piles().keySet());
        latest = plan;
        return plan;
    }

    Plan latest() {
        return latest;
    }

    /**
     * When to plan again for piles whose current rises at the bounded rate ({@link Hold.Kind#RAMP}), none without:
     * once they may have risen by the least current a pile can charge with, so that a ramp does not wait for the
     * next event or re-plan interval.
     */
    Optional<Duration> rampFollowUp(Plan plan) {
        int perMinute = planner.riseAPerMinute();
        if (perMinute == 0 || plan.piles().values().stream().noneMatch(p -> p.hold().kind() == Hold.Kind.RAMP)) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(MIN_FOLLOW_UP_MS, RAMP_STEP_A * 60_000L / perMinute)));
    }

    /** A pile that charges rises at most the configured A per minute since its last change; one starting, at once. */
    private OptionalInt riseCap(PileId pile, int currentA, Instant now) {
        int perMinute = planner.riseAPerMinute();
        if (perMinute == 0 || currentA == 0) {
            return OptionalInt.empty();
        }
        Duration since = Duration.between(changedAt.getOrDefault(pile, now), now);
        return OptionalInt.of((int) Math.min(Integer.MAX_VALUE, currentA + perMinute * since.toMillis() / 60_000));
    }
}
