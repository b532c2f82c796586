package org.pilegate.api.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.pile.PileId;

/**
 * The depot's plan: slots from now to the last departure, the current of every charging pile in each, and the power
 * the piles draw together.
 *
 * @param boundaries the slots' start times and, last, the end of the horizon: the first slot starts now
 * @param piles every charging pile's plan
 * @param sitePowerW the power of all piles in each slot, in W
 */
public record Plan(List<Instant> boundaries, Map<PileId, PilePlan> piles, List<Long> sitePowerW) {

    public Plan {
        boundaries = List.copyOf(boundaries);
        piles = Map.copyOf(piles);
        sitePowerW = List.copyOf(sitePowerW);
        if (boundaries.size() < 2 || sitePowerW.size() != boundaries.size() - 1) {
            throw new IllegalArgumentException("a plan has at least one slot and a power per slot: "
                    + boundaries.size() + " boundaries, " + sitePowerW.size() + " powers");
        }
    }

    /** A plan of nothing, from {@code now}. */
    public static Plan empty(Instant now) {
        return new Plan(List.of(now, now.plusSeconds(1)), Map.of(), List.of(0L));
    }

    public Optional<PilePlan> pile(PileId pile) {
        return Optional.ofNullable(piles.get(Objects.requireNonNull(pile, "pile")));
    }

    public int slots() {
        return sitePowerW.size();
    }
}
