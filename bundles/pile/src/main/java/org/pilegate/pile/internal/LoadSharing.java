package org.pilegate.pile.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import org.pilegate.api.pile.PileId;

/**
 * How the site's power limit is shared among the piles that charge.
 * <p>
 * A pile draws {@code phases × voltage × current} W (unity power factor, every phase loaded alike), so each pile's
 * share in W is converted to whole A per phase with its own phases and nominal voltage, rounding down so the sum
 * stays within the limit. IEC 61851 offers no current between 0 and 6 A, so each charging pile first gets 6 A; what
 * is left is then split equally in W, a pile taking no more than its ceiling (its own maximum within the operator's
 * cap) and leaving the rest to the others.
 * <p>
 * When the limit cannot give every charging pile 6 A, the piles keep current in the order they started charging:
 * the earliest sessions charge, and from the first pile that no longer fits on, every later one is paused at 0 A.
 * A paused pile gets current back, in the same order, when the limit rises or an earlier session ends.
 */
final class LoadSharing {

    /** The least current a vehicle can be offered while charging (IEC 61851-1). */
    static final int MIN_CURRENT_A = 6;

    /**
     * One charging pile's claim on the site's power.
     *
     * @param ceilingA the most it may get: its maximum current within the operator's cap, at least 6 A
     */
    record Claim(PileId pile, int ceilingA, int phases, int voltageV) {

        Claim {
            Objects.requireNonNull(pile, "pile");
            if (ceilingA < MIN_CURRENT_A) {
                throw new IllegalArgumentException("ceilingA must be at least " + MIN_CURRENT_A + ": " + ceilingA);
            }
            if (phases < 1 || voltageV < 1) {
                throw new IllegalArgumentException("phases and voltageV must be positive: " + phases + ", "
                        + voltageV);
            }
        }

        long wattsPerAmp() {
            return (long) phases * voltageV;
        }
    }

    private LoadSharing() {
    }

    /**
     * The current each charging pile may offer.
     *
     * @param byArrival the charging piles, the one that started charging first first
     * @param limitW the site's power limit, if any
     * @return the current per pile in A: 0 for a paused pile, else 6 A to its ceiling
     */
    static Map<PileId, Integer> share(List<Claim> byArrival, OptionalLong limitW) {
        Map<PileId, Integer> currents = new HashMap<>();
        if (limitW.isEmpty()) {
            byArrival.forEach(claim -> currents.put(claim.pile(), claim.ceilingA()));
            return currents;
        }
        long leftW = limitW.getAsLong();
        List<Claim> charging = new ArrayList<>();
        boolean pausing = false;
        for (Claim claim : byArrival) {
            long minimumW = MIN_CURRENT_A * claim.wattsPerAmp();
            pausing = pausing || minimumW > leftW;
            if (pausing) {
                currents.put(claim.pile(), 0);
            } else {
                charging.add(claim);
                leftW -= minimumW;
            }
        }
        // the smallest headroom first, so what a pile cannot take goes to the ones after it
        charging.sort(Comparator.comparingLong(claim -> (claim.ceilingA() - MIN_CURRENT_A) * claim.wattsPerAmp()));
        for (int i = 0; i < charging.size(); i++) {
            Claim claim = charging.get(i);
            long shareW = leftW / (charging.size() - i);
            long headroomW = (claim.ceilingA() - MIN_CURRENT_A) * claim.wattsPerAmp();
            long extraA = Math.min(shareW, headroomW) / claim.wattsPerAmp();
            currents.put(claim.pile(), MIN_CURRENT_A + (int) extraA);
            leftW -= extraA * claim.wattsPerAmp();
        }
        return currents;
    }
}
