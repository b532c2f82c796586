package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.SiteModel;

/**
 * The reroute on hand-computed schedules, single-phase on L1 from 10:00 (a whole quarter hour, so one ampere in one
 * slot is 230 V × 0.25 h = 57.5 Wh).
 */
class RerouteTest {

    private static final Instant QUARTER_PAST = TEN.plus(Duration.ofMinutes(15));
    private static final Instant HALF_PAST = TEN.plus(Duration.ofMinutes(30));
    private static final Instant QUARTER_TO = TEN.plus(Duration.ofMinutes(45));

    /**
     * Board a (10 A) under the grid connection (16 A), three slots. At 10:00 a is full (first's 10 A) and so is the
     * grid (first's 10 and other's 6); at 10:15 a is full again (second's 10 A) and so is the grid. The short session on a
     * needs 6 A at 10:00: first must leave 10:00 altogether (4 A would be below 6), into 10:15, where a and the grid
     * are both full, so second moves all its 10 A on to 10:30. The repair's chains, which free one limit per slot,
     * stop there; the reroute's path runs down board a to second and needs no room on the grid at 10:15 at all.
     */
    @Test
    void aPathThroughASlotWhereTwoLimitsAreFullTogetherMeetsTheShortSession() {
        SiteModel site = site(0, grid(16), board("a", "grid", PhaseCurrents.of(10)));
        Slots slots = Slots.of(TEN, QUARTER_TO, Planner.MAX_SLOTS);
        Headroom headroom = new Headroom(site, PhaseCurrents.NONE, OptionalLong.empty(), slots.count());
        Job first = job(due("first", "a", "L1", 16, 575, HALF_PAST, 1), headroom, slots, 10, 0, 0);
        Job second = job(due("second", "a", "L1", 16, 575, QUARTER_TO, 2), headroom, slots, 0, 10, 0);
        Job other = job(due("other", "grid", "L1", 16, 1_035, QUARTER_TO, 3), headroom, slots, 6, 6, 6);
        Job shortOne = job(due("short", "a", "L1", 16, 345, QUARTER_PAST, 4), headroom, slots, 0, 0, 0);
        List<Job> deadlines = List.of(first, second, other, shortOne);

        Repair.apply(deadlines, headroom);
        assertEquals(345, shortOne.needWh, 1e-9, "the repair cannot meet it");
        Reroute.apply(deadlines, headroom);

        assertArrayEquals(new int[] {6, 0, 0}, shortOne.scheduleA);
        assertArrayEquals(new int[] {0, 10, 0}, first.scheduleA);
        assertArrayEquals(new int[] {0, 0, 10}, second.scheduleA);
        assertArrayEquals(new int[] {6, 6, 6}, other.scheduleA);
        assertTrue(deadlines.stream().allMatch(job -> job.needWh <= 0));
        // board a: 6 A at 10:00, full at 10:15 and 10:30; the grid: 12 A, then full twice
        assertEquals(4, headroom.room(shortOne.rows, shortOne.wattsPerA, 0));
        assertEquals(0, headroom.room(first.rows, first.wattsPerA, 1));
        assertEquals(0, headroom.room(second.rows, second.wattsPerA, 2));
    }

    /**
     * 11 A, one slot; kept has 6 A and needs 5 A-slots, waiting needs 5. A flow meets both (6 − 1 + 5 = 11 A), the
     * 6 A rule not: waiting would need 6 A beside kept's 6. Nothing is kept of the attempt.
     */
    @Test
    void whereOnlyAFlowCouldMeetThemThePlanIsLeftAsItWas() {
        SiteModel site = site(0, grid(11));
        Slots slots = Slots.of(TEN, QUARTER_PAST, Planner.MAX_SLOTS);
        Headroom headroom = new Headroom(site, PhaseCurrents.NONE, OptionalLong.empty(), slots.count());
        Job kept = job(due("kept", "grid", "L1", 16, 287, QUARTER_PAST, 1), headroom, slots, 6);
        Job waiting = job(due("waiting", "grid", "L1", 16, 287, QUARTER_PAST, 2), headroom, slots, 0);

        Reroute.apply(List.of(kept, waiting), headroom);

        assertArrayEquals(new int[] {6}, kept.scheduleA);
        assertArrayEquals(new int[] {0}, waiting.scheduleA);
        assertEquals(287, waiting.needWh, 1e-9);
        assertEquals(5, headroom.room(kept.rows, kept.wattsPerA, 0));
    }

    /** A job with {@code amps} planned in the first slots, taken from the headroom. */
    private static Job job(Demand demand, Headroom headroom, Slots slots, int... amps) {
        Job job = new Job(demand, headroom, slots);
        for (int slot = 0; slot < amps.length; slot++) {
            if (amps[slot] > 0) {
                job.give(headroom, slot, amps[slot]);
            }
        }
        return job;
    }
}
