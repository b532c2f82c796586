package org.pilegate.uplink.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;

/** The depot's control with one rule of the real one, a pile's limit of 6 to 32 A; notes what it was told. */
final class FakeDepot implements DepotControl {

    final List<String> applied = new ArrayList<>();
    private final Set<PileId> piles;

    FakeDepot(Set<PileId> piles) {
        this.piles = piles;
    }

    boolean knows(PileId pile) {
        return piles.contains(pile);
    }

    @Override
    public PileSettings settings(PileId pile) {
        throw new UnsupportedOperationException("the commands change settings, they do not read them");
    }

    @Override
    public CompletionStage<PileStatus> setAvailable(PileId pile, boolean available) {
        applied.add(pile + " available " + available);
        return CompletableFuture.completedFuture(status(pile, 32));
    }

    @Override
    public CompletionStage<PileStatus> limitCurrent(PileId pile, OptionalInt limitA) {
        if (limitA.isPresent() && (limitA.getAsInt() < 6 || limitA.getAsInt() > 32)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the current limit of pile " + pile
                    + " must be 6 to 32 A, not " + limitA.getAsInt()));
        }
        applied.add(pile + " limit " + limitA);
        return CompletableFuture.completedFuture(status(pile, limitA.orElse(32)));
    }

    @Override
    public OptionalLong sitePowerLimitW() {
        return OptionalLong.empty();
    }

    @Override
    public void limitSitePower(OptionalLong limitW) {
        applied.add("site " + limitW);
    }

    private static PileStatus status(PileId pile, int limitA) {
        return new PileStatus(pile, PileState.AVAILABLE, PlugState.A, false, 0, 0, limitA, Optional.empty(),
                Optional.empty(), Instant.EPOCH);
    }
}
