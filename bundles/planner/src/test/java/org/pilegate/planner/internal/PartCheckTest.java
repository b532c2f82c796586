package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.planner.internal.Depots.TEN;
import static org.pilegate.planner.internal.Depots.board;
import static org.pilegate.planner.internal.Depots.due;
import static org.pilegate.planner.internal.Depots.grid;
import static org.pilegate.planner.internal.Depots.site;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/** The exact check of a few vehicles below one feeder, on hand-computed depots of two slots (57.5 Wh an ampere-slot). */
class PartCheckTest {

    private static final Instant HALF_PAST = TEN.plus(Duration.ofMinutes(30));

    /**
     * Board a, 17 A, under a grid connection of 100 A. Big needs 31 A-slots at 16 A at most, small needs 2: 33 of 34
     * A-slots, which a flow gives (16 + 1, 15 + 1). Under the 6 A rule small takes 6 A in a slot, leaving big 11 A
     * there: 27 at most.
     */
    @Test
    void aVehicleNeedingNearlyAllOfABoardLeavesTheOtherTooLittleForSixAmperes() {
        SiteModel site = site(0, grid(100), board("a", "grid", PhaseCurrents.of(17)));
        List<Demand> demands = List.of(due("big", "a", "L1", 16, 1_782, HALF_PAST, 1),
                due("small", "a", "L1", 16, 115, HALF_PAST, 2));

        assertTrue(FlowFeasibility.relaxed(site, demands, 2));
        assertEquals(FlowFeasibility.Verdict.INFEASIBLE, PartCheck.of(site, demands, 2));
    }

    /** Big needing 27 A-slots fits: 11 A beside small's 6, then 16 A alone. The check cannot say yes: undecided. */
    @Test
    void aPartThatCanBeMetProvesNothing() {
        SiteModel site = site(0, grid(100), board("a", "grid", PhaseCurrents.of(17)));
        List<Demand> demands = List.of(due("big", "a", "L1", 16, 1_552, HALF_PAST, 1),
                due("small", "a", "L1", 16, 115, HALF_PAST, 2));

        assertEquals(FlowFeasibility.Verdict.UNDECIDED, PartCheck.of(site, demands, 2));
        assertEquals(FlowFeasibility.Verdict.FEASIBLE, FlowFeasibility.withSixAmpRule(site, demands, 2, 50));
    }

    /** The limit above counts too: the grid connection at 17 A, the board at 100 A, is the same depot as the first. */
    @Test
    void aLimitAboveThePartsFeederBindsItAsWell() {
        SiteModel site = site(0, grid(17), board("a", "grid", PhaseCurrents.of(100)));
        List<Demand> demands = List.of(due("big", "a", "L1", 16, 1_782, HALF_PAST, 1),
                due("small", "a", "L1", 16, 115, HALF_PAST, 2));

        assertEquals(FlowFeasibility.Verdict.INFEASIBLE, PartCheck.of(site, demands, 2));
    }
}
