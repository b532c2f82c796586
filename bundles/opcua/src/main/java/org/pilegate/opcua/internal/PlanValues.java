package org.pilegate.opcua.internal;

import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.plan.PilePlan;

/**
 * The depot's plan as OPC UA values: per pile the current planned now and what holds it back, for the site the
 * power planned in each slot of the horizon and when each slot starts. A pile the plan does not hold (it is not
 * charging) is planned 0 A and held back by nothing.
 */
final class PlanValues {

    private final Optional<Plan> plan;

    PlanValues(Optional<Plan> plan) {
        this.plan = plan;
    }

    int currentA(PileId pile) {
        return pilePlan(pile).map(PilePlan::currentA).orElse(0);
    }

    String heldBackBy(PileId pile) {
        return pilePlan(pile).map(planned -> planned.hold().text()).orElse("");
    }

    /** Int64[], W per slot; empty without a plan. */
    Variant sitePowerW() {
        return new Variant(plan.map(p -> p.sitePowerW().toArray(Long[]::new)).orElse(new Long[0]));
    }

    /** UtcTime[], the start of each slot of {@link #sitePowerW()}, the first being the moment the plan was made. */
    Variant slotStarts() {
        return new Variant(plan.map(p -> p.boundaries().subList(0, p.slots()).stream().map(DateTime::new)
                .toArray(DateTime[]::new)).orElse(new DateTime[0]));
    }

    private Optional<PilePlan> pilePlan(PileId pile) {
        return plan.flatMap(p -> p.pile(pile));
    }
}
