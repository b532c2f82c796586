package org.pilegate.pile.internal;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;

/**
 * The operator's settings of the depot in force: whether each pile is in service, its current cap, and the site's
 * power limit. Read from the store once; a change is checked, then stored before it applies, so that it survives a
 * restart. Thread-safe.
 */
final class DepotSettings {

    /** IEC 61851: below 6 A the control pilot cannot offer charging at all. */
    static final int MIN_CURRENT_A = 6;

    private final JdbcDepotSettings store;
    private final Map<PileId, PileSettings> piles;
    private volatile OptionalLong sitePowerLimitW;

    DepotSettings(JdbcDepotSettings store) {
        this.store = store;
        this.piles = new ConcurrentHashMap<>(store.piles());
        this.sitePowerLimitW = store.sitePowerLimitW();
    }

    /** How many piles have settings of their own; the others are unrestricted. */
    int stored() {
        return piles.size();
    }

    PileSettings of(PileId pile) {
        return piles.getOrDefault(Objects.requireNonNull(pile, "pile"), PileSettings.UNRESTRICTED);
    }

    void setAvailable(PileId pile, boolean available) {
        save(pile, new PileSettings(available, of(pile).currentLimitA()));
    }

    /**
     * Caps the pile's current, or lifts the cap when {@code limitA} is empty.
     *
     * @param maxA what the pile's supply carries: the highest cap
     * @throws IllegalArgumentException for a cap below {@value #MIN_CURRENT_A} A or above {@code maxA}
     */
    void limitCurrent(PileId pile, OptionalInt limitA, int maxA) {
        Objects.requireNonNull(limitA, "limitA");
        if (limitA.isPresent() && (limitA.getAsInt() < MIN_CURRENT_A || limitA.getAsInt() > maxA)) {
            throw new IllegalArgumentException("the current limit of pile " + pile + " must be "
                    + MIN_CURRENT_A + " to " + maxA + " A, not " + limitA.getAsInt());
        }
        save(pile, new PileSettings(of(pile).available(), limitA));
    }

    OptionalLong sitePowerLimitW() {
        return sitePowerLimitW;
    }

    /** @throws IllegalArgumentException for a negative limit */
    void limitSitePower(OptionalLong limitW) {
        Objects.requireNonNull(limitW, "limitW");
        if (limitW.isPresent() && limitW.getAsLong() < 0) {
            throw new IllegalArgumentException("the site's power limit must not be negative: " + limitW.getAsLong()
                    + " W");
        }
        store.saveSitePowerLimitW(limitW);
        sitePowerLimitW = limitW;
    }

    /** The site's power limit, for the log. */
    static String describe(OptionalLong limitW) {
        return limitW.isPresent() ? "limited to " + limitW.getAsLong() + " W" : "not limited";
    }

    private void save(PileId pile, PileSettings changed) {
        store.save(pile, changed);
        piles.put(pile, changed);
    }
}
