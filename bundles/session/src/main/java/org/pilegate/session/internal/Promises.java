package org.pilegate.session.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.ChargingPromise;

/**
 * What the depot's plan promises a session that starts charging: the energy by its departure, whether that meets its
 * target, and the fee the pile's tariff asks for it — the session's recorded timeline carried on slot by slot as the
 * plan charges it.
 */
final class Promises {

    private final Settlement settlement;

    Promises(Settlement settlement) {
        this.settlement = settlement;
    }

    /**
     * A new promise when the plan no longer keeps the last one the lane's session was given (its target now missed,
     * or met again), with what holds the pile back; empty when nothing changed. The lane remembers what was promised;
     * runs on the lane.
     */
    Optional<ChargingPromise> changed(PileLane lane, SessionRecord session, Optional<Plan> plan, long registerWh,
            Instant now) {
        Optional<Boolean> met = plan.flatMap(p -> p.pile(session.session().pile())).map(PilePlan::meetsTarget);
        if (met.isEmpty() || lane.promisedMet.isEmpty() || met.equals(lane.promisedMet)) {
            return Optional.empty();
        }
        Optional<Boolean> before = lane.promisedMet;
        Optional<ChargingPromise> promise = of(session, plan.get(), registerWh, now)
                .filter(renewed -> !before.equals(Optional.of(renewed.targetMet())));
        promise.ifPresent(renewed -> lane.promisedMet = Optional.of(renewed.targetMet()));
        return promise;
    }

    /** The promise for {@code session} under {@code plan}; empty when the plan does not hold its pile. */
    Optional<ChargingPromise> of(SessionRecord session, Plan plan, long registerWh, Instant now) {
        Optional<PilePlan> planned = plan.pile(session.session().pile());
        ChargingInfo info = session.session().info().orElse(null);
        if (planned.isEmpty() || info == null) {
            return Optional.empty();
        }
        PilePlan pile = planned.get();
        List<StatusPoint> projected = project(pile, plan, info, registerWh, now);
        StatusPoint last = projected.get(projected.size() - 1);
        long expectedWh = last.registerWh() - session.session().startEnergyWh();
        boolean met = info.targetEnergyWh().map(target -> expectedWh >= target).orElse(true);
        return Optional.of(new ChargingPromise(session.id(), session.session().pile(), met, expectedWh,
                info.departure(), settlement.estimate(session, projected.subList(0, projected.size() - 1), last),
                pile.hold().text(), now));
    }

    /** The register at every slot boundary the plan charges through, up to the departure and never past the target. */
    private static List<StatusPoint> project(PilePlan pile, Plan plan, ChargingInfo info, long registerWh,
            Instant now) {
        List<StatusPoint> points = new ArrayList<>();
        long target = info.targetEnergyWh().map(wh -> registerWh + wh).orElse(Long.MAX_VALUE);
        Instant departure = info.departure().orElse(Instant.MAX);
        double register = registerWh;
        long seq = 1;
        points.add(new StatusPoint(seq++, now, SessionState.CHARGING, 0, registerWh));
        List<Instant> bounds = plan.boundaries();
        for (int slot = 0; slot < pile.scheduleA().size() && bounds.get(slot).isBefore(departure); slot++) {
            Instant end = bounds.get(slot + 1).isAfter(departure) ? departure : bounds.get(slot + 1);
            Instant start = bounds.get(slot).isBefore(now) ? now : bounds.get(slot);
            double hours = Math.max(0, Duration.between(start, end).toMillis()) / 3_600_000.0;
            long powerW = pile.scheduleA().get(slot) * pile.wattsPerA();
            register = Math.min(target, register + powerW * hours);
            points.add(new StatusPoint(seq++, end, SessionState.CHARGING, powerW, Math.round(register)));
        }
        return points;
    }
}
