package org.pilegate.planner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.planner.internal.Depots.TEN;
import static org.pilegate.planner.internal.Depots.board;
import static org.pilegate.planner.internal.Depots.due;
import static org.pilegate.planner.internal.Depots.grid;
import static org.pilegate.planner.internal.Depots.open;
import static org.pilegate.planner.internal.Depots.planner;
import static org.pilegate.planner.internal.Depots.site;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Demand;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.api.site.PileWiring;
import org.pilegate.api.site.SiteModel;

class PlannerTest {

    private static final OptionalLong NO_LIMIT = OptionalLong.empty();

    @Test
    void threePilesOnOnePhaseShareItsFuseEvenlyTheEarliestTakingTheOddAmpere() {
        SiteModel site = site(0, grid(400), board("board-a", "grid", new PhaseCurrents(32, 100, 100)));
        Plan plan = planner(site).plan(List.of(open("p1", "board-a", "L1", 32, 1), open("p2", "board-a", "L1", 32, 2),
                open("p3", "board-a", "L1", 32, 3)), TEN, PhaseCurrents.NONE, NO_LIMIT);

        // 6 A each (18 A), then the 14 A left an ampere at a time: 5, 5, 4
        assertEquals(11, current(plan, "p1"));
        assertEquals(11, current(plan, "p2"));
        assertEquals(10, current(plan, "p3"));
        assertEquals("feeder board-a, phase L1 at 32 A", plan.pile(new PileId("p3")).orElseThrow().hold().text());
        assertEquals(Hold.Kind.FEEDER, plan.pile(new PileId("p1")).orElseThrow().hold().kind());
    }

    @Test
    void anUnbalancedPhaseHoldsBackOnlyThePilesOnIt() {
        SiteModel site = site(0, grid(40));
        Plan plan = planner(site).plan(List.of(open("three", "grid", "L1L2L3", 32, 1),
                open("one-a", "grid", "L1", 16, 2), open("one-b", "grid", "L1", 16, 3),
                open("rotated", "grid", "L2", 32, 4)), TEN, PhaseCurrents.NONE, NO_LIMIT);

        // L1 carries three piles: 6 A each leaves 22 A; seven rounds of 3 A, then the first in order takes the last
        assertEquals(14, current(plan, "three"));
        assertEquals(13, current(plan, "one-a"));
        assertEquals(13, current(plan, "one-b"));
        // L2 carries the three-phase pile's 14 A and the rotated single-phase pile, which takes what is left of 40 A
        assertEquals(26, current(plan, "rotated"));
        assertEquals("grid connection, phase L2 at 40 A",
                plan.pile(new PileId("rotated")).orElseThrow().hold().text());
    }

    @Test
    void aBaseLoadSpikeTakesTheCurrentOfThePilesBelowSixAmperesAway() {
        SiteModel site = site(3, grid(63));
        List<Demand> two = List.of(open("p1", "grid", "L1L2L3", 32, 1), open("p2", "grid", "L1L2L3", 32, 2));

        Plan quiet = planner(site).plan(two, TEN, new PhaseCurrents(30, 10, 10), NO_LIMIT);
        // L1: 63 - 3 margin - 30 base = 30 A for two piles
        assertEquals(15, current(quiet, "p1"));
        assertEquals(15, current(quiet, "p2"));

        Plan spike = planner(site).plan(two, TEN, new PhaseCurrents(52, 10, 10), NO_LIMIT);
        // 8 A left on L1: the earlier session keeps 8 A, the later one is paused rather than offered 2 A
        assertEquals(8, current(spike, "p1"));
        assertEquals(0, current(spike, "p2"));
        assertEquals("grid connection, phase L1 at 63 A", spike.pile(new PileId("p2")).orElseThrow().hold().text());
    }

    @Test
    void anInfeasibleMixMeetsTheEarlierDepartureAndSaysWhatTheLaterGets() {
        SiteModel site = site(0, grid(32));
        // 32 A on one phase is 7,360 W: two hours hold 14,720 Wh, the two ask for 17,360 Wh
        Plan plan = planner(site).plan(List.of(due("late", "grid", "L1", 32, 10_000, TEN.plus(Duration.ofHours(2)), 1),
                due("early", "grid", "L1", 32, 7_360, TEN.plus(Duration.ofHours(1)), 2)), TEN, PhaseCurrents.NONE,
                NO_LIMIT);

        assertTrue(plan.pile(new PileId("early")).orElseThrow().meetsTarget());
        assertEquals(List.of(32, 32, 32, 32, 0, 0, 0, 0), plan.pile(new PileId("early")).orElseThrow().scheduleA());
        assertFalse(plan.pile(new PileId("late")).orElseThrow().meetsTarget());
        assertEquals(7_360, plan.pile(new PileId("late")).orElseThrow().plannedWh());
        assertEquals(List.of(0, 0, 0, 0, 32, 32, 32, 32), plan.pile(new PileId("late")).orElseThrow().scheduleA());
        assertEquals(8, plan.slots());
    }

    @Test
    void aVehicleThatCanWaitChargesWhenEnergyIsCheaperAndSaysSo() {
        SiteModel site = site(0, grid(63));
        PriceTable prices = PriceTable.parse("22:00-06:00 29, 06:00-22:00 39", ZoneOffset.UTC);
        Planner planner = new Planner(site, prices, Planner.Policy.PLANNED);
        java.time.Instant eight = TEN.plus(Duration.ofHours(10));
        // 7,360 Wh fits in the night at 22:00-06:00 many times over: not now
        Plan plan = planner.plan(List.of(due("bus", "grid", "L1", 32, 7_360, eight.plus(Duration.ofHours(10)), 1)),
                eight, PhaseCurrents.NONE, NO_LIMIT);

        var bus = plan.pile(new PileId("bus")).orElseThrow();
        assertEquals(0, bus.currentA());
        assertEquals("waiting for cheaper energy at 22:00", bus.hold().text());
        // spread thin over the cheap night, leaving room in every slot: 22 quarter hours of 6 A (345 Wh each) from 22:00
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), bus.scheduleA().subList(0, 8));
        assertEquals(java.util.Collections.nCopies(22, 6), bus.scheduleA().subList(8, 30));
        assertEquals(22 * 6, bus.scheduleA().stream().mapToInt(Integer::intValue).sum());
        assertTrue(bus.meetsTarget());
    }

    @Test
    void theFleetChargesBeforeVisitorsWhenNotAllFit() {
        SiteModel site = site(0, grid(16));
        Demand visitor = open("visitor", "grid", "L1L2L3", 32, 1);
        Demand fleet = new Demand(new PileId("fleet"), PileWiring.direct(3), 230, 32, OptionalInt.empty(),
                OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), 1, 2);
        Plan plan = planner(site).plan(List.of(visitor, fleet), TEN, PhaseCurrents.NONE, NO_LIMIT);

        assertEquals(16, current(plan, "fleet"));
        assertEquals(0, current(plan, "visitor"));
    }

    @Test
    void noCurrentBetweenZeroAndSixAmperes() {
        SiteModel site = site(0, grid(16));
        Plan plan = planner(site).plan(List.of(open("a", "grid", "L1", 32, 1), open("b", "grid", "L1", 32, 2),
                open("c", "grid", "L1", 32, 3)), TEN, PhaseCurrents.NONE, NO_LIMIT);

        // two get 6 A, the third would get 4 A: it is paused, and the 4 A go to the two
        assertEquals(8, current(plan, "a"));
        assertEquals(8, current(plan, "b"));
        assertEquals(0, current(plan, "c"));
    }

    @Test
    void theOperatorsCapAndTheSitePowerLimitAreLimitsOfThePlan() {
        SiteModel site = site(0, grid(100));
        Demand capped = new Demand(new PileId("capped"), PileWiring.direct(3), 230, 32, OptionalInt.of(10),
                OptionalInt.empty(), OptionalLong.empty(), Optional.empty(), 0, 1);
        Plan plan = planner(site).plan(List.of(capped, open("free", "grid", "L1L2L3", 32, 2)), TEN,
                PhaseCurrents.NONE, OptionalLong.of(22_080));

        assertEquals(10, current(plan, "capped"));
        assertEquals("operator cap 10 A", plan.pile(new PileId("capped")).orElseThrow().hold().text());
        // 22,080 W is 32 A on three phases in all: 10 A to the capped pile, 22 A to the other
        assertEquals(22, current(plan, "free"));
        assertEquals(Hold.Kind.SITE_POWER, plan.pile(new PileId("free")).orElseThrow().hold().kind());
        assertEquals(22_080L, plan.sitePowerW().get(0));
    }

    @Test
    void aPileOnAFeederTheSiteDoesNotKnowGetsNothingAndSaysWhy() {
        Plan plan = planner(site(0, grid(100))).plan(List.of(open("lost", "board-z", "L1", 32, 1)), TEN,
                PhaseCurrents.NONE, NO_LIMIT);

        assertEquals(0, current(plan, "lost"));
        assertEquals("feeder board-z is not in the site model", plan.pile(new PileId("lost")).orElseThrow().hold()
                .text());
    }

    @Test
    void aRisingCurrentIsHeldToItsRiseCapNow() {
        Demand rising = new Demand(new PileId("p"), PileWiring.direct(1), 230, 32, OptionalInt.empty(),
                OptionalInt.of(16), OptionalLong.empty(), Optional.empty(), 0, 1);
        Plan plan = planner(site(0, grid(100))).plan(List.of(rising), TEN, PhaseCurrents.NONE, NO_LIMIT);

        assertEquals(16, current(plan, "p"));
        assertEquals(Hold.Kind.RAMP, plan.pile(new PileId("p")).orElseThrow().hold().kind());
    }

    @Test
    void equalShareIgnoresDeparturesAndPrices() {
        SiteModel site = site(0, grid(32));
        Planner equal = new Planner(site, PriceTable.flat(ZoneOffset.UTC), Planner.Policy.EQUAL_SHARE);
        Plan plan = equal.plan(List.of(due("late", "grid", "L1", 32, 10_000, TEN.plus(Duration.ofHours(2)), 1),
                due("early", "grid", "L1", 32, 7_360, TEN.plus(Duration.ofHours(1)), 2)), TEN, PhaseCurrents.NONE,
                NO_LIMIT);

        assertEquals(16, current(plan, "late"));
        assertEquals(16, current(plan, "early"));
        assertFalse(plan.pile(new PileId("early")).orElseThrow().meetsTarget());
    }

    private static int current(Plan plan, String pile) {
        return plan.pile(new PileId(pile)).orElseThrow().currentA();
    }
}
