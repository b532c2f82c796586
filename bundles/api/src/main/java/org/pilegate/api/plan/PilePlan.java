package org.pilegate.api.plan;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;

/**
 * One pile's part of the plan.
 *
 * @param pile the pile
 * @param currentA the current to offer now, 0 or at least 6 A
 * @param scheduleA the current planned in every slot of the plan, the first being now
 * @param wattsPerA the power one A per phase draws at the pile: its phases × its voltage
 * @param plannedWh the energy the schedule delivers by the departure (or over the horizon, without one)
 * @param needWh the energy the session still needs, if it has a target
 * @param hold what keeps the current where it is now
 */
public record PilePlan(PileId pile, int currentA, List<Integer> scheduleA, long wattsPerA, long plannedWh,
        OptionalLong needWh, Hold hold) {

    public PilePlan {
        Objects.requireNonNull(pile, "pile");
        scheduleA = List.copyOf(scheduleA);
        Objects.requireNonNull(needWh, "needWh");
        Objects.requireNonNull(hold, "hold");
    }

    /** Whether the schedule delivers the target by the departure; true without a target. */
    public boolean meetsTarget() {
        return needWh.isEmpty() || plannedWh >= needWh.getAsLong();
    }
}
