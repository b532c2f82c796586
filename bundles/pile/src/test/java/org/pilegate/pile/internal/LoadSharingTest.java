package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;

class LoadSharingTest {

    private static final PileId A = new PileId("bay-01");
    private static final PileId B = new PileId("bay-02");
    private static final PileId C = new PileId("bay-03");
    /** 3 phases at 230 V: 690 W per A. */
    private static final int WATTS_PER_AMP = 690;

    @Test
    void withoutALimitEveryPileGetsItsCeiling() {
        assertEquals(Map.of(A, 32, B, 16), LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 16)),
                OptionalLong.empty()));
    }

    @Test
    void theLimitIsSharedEquallyInWholeAmpsRoundedDown() {
        Map<PileId, Integer> currents = LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 32)),
                OptionalLong.of(2 * 16 * WATTS_PER_AMP + 689));

        assertEquals(Map.of(A, 16, B, 16), currents);
    }

    @Test
    void whatACappedPileCannotTakeGoesToTheOthers() {
        Map<PileId, Integer> currents = LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 10),
                threePhase(C, 32)), OptionalLong.of(50 * WATTS_PER_AMP));

        assertEquals(Map.of(A, 20, B, 10, C, 20), currents);
    }

    @Test
    void theRestAboveSixAmpsIsSharedInWattsWhateverThePhases() {
        // 6 900 W: 6 A take 4 140 W (3 phases) and 1 380 W (1 phase); the 1 380 W left give each 690 W more
        Map<PileId, Integer> currents = LoadSharing.share(List.of(threePhase(A, 32),
                new LoadSharing.Claim(B, 32, 1, 230)), OptionalLong.of(6_900));

        assertEquals(Map.of(A, 7, B, 9), currents);
        assertTrue(currents.get(A) * WATTS_PER_AMP + currents.get(B) * 230 <= 6_900);
    }

    @Test
    void pilesThatCannotGetSixAmpsArePausedNewestFirst() {
        Map<PileId, Integer> currents = LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 32),
                threePhase(C, 32)), OptionalLong.of(2 * 6 * WATTS_PER_AMP + 500));

        assertEquals(Map.of(A, 6, B, 6, C, 0), currents);
    }

    @Test
    void onceAPileIsPausedEveryLaterOneWaitsToo() {
        // B does not fit; C would, being single-phase, but must not overtake B
        Map<PileId, Integer> currents = LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 32),
                new LoadSharing.Claim(C, 32, 1, 230)), OptionalLong.of(6 * WATTS_PER_AMP + 2_000));

        assertEquals(Map.of(A, 8, B, 0, C, 0), currents);
    }

    @Test
    void aZeroLimitPausesEveryPile() {
        assertEquals(Map.of(A, 0, B, 0), LoadSharing.share(List.of(threePhase(A, 32), threePhase(B, 32)),
                OptionalLong.of(0)));
    }

    private static LoadSharing.Claim threePhase(PileId pile, int ceilingA) {
        return new LoadSharing.Claim(pile, ceilingA, 3, 230);
    }
}
