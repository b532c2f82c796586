package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.terminal.ChargingPromise;

class PromisesTest {

    private static final PileId PILE = new PileId("bay-07");
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    /** Four quarter hours from now. */
    private static final List<Instant> SLOTS = List.of(NOW, NOW.plusSeconds(900), NOW.plusSeconds(1800),
            NOW.plusSeconds(2700), NOW.plusSeconds(3600));

    private final Promises promises = new Promises(new Settlement(null, null, null,
            () -> Optional.of(new CentPerTenWh()), Optional::empty, Clock.systemUTC()));

    @Test
    void aTargetThePlanMeetsIsPromisedWithItsFee() {
        // 16 A on three phases at 230 V is 11,040 W: 2,760 Wh a quarter hour; the target of 5,000 Wh is met in the
        // second, and the energy stops there
        ChargingPromise promise = promise(5_000, NOW.plusSeconds(3600), List.of(16, 16, 0, 0));

        assertTrue(promise.targetMet());
        assertEquals(5_000, promise.expectedEnergyWh());
        assertEquals(Optional.of(Money.of(500, "EUR")), promise.expectedFee());
        assertEquals("on plan", promise.holdBack());
    }

    @Test
    void aTargetThePlanCannotMeetIsPromisedAsTheEnergyByTheDeparture() {
        // the vehicle leaves after half an hour: two quarter hours of 6 A are 2 × 1,035 Wh
        ChargingPromise promise = promise(20_000, NOW.plusSeconds(1800), List.of(6, 6, 32, 32));

        assertFalse(promise.targetMet());
        assertEquals(2_070, promise.expectedEnergyWh());
        assertEquals(Optional.of(NOW.plusSeconds(1800)), promise.departure());
    }

    @Test
    void aPromiseThePlanNoLongerKeepsIsToldAgainWithWhyOnceUntilItChanges() {
        SessionRecord charging = charging(5_000, NOW.plusSeconds(3600));
        PileLane lane = new PileLane(PILE, 0, new org.pilegate.api.work.Lane(Runnable::run));
        lane.promisedMet = Optional.of(true);

        assertEquals(Optional.empty(), promises.changed(lane, charging, Optional.of(plan(5_000, List.of(16, 16, 0, 0),
                "on plan")), 40_000, NOW), "the plan still keeps it");

        Plan broken = plan(5_000, List.of(6, 0, 0, 0), "feeder board-b, phase L2 at 63 A");
        ChargingPromise told = promises.changed(lane, charging, Optional.of(broken), 40_000, NOW).orElseThrow();
        assertFalse(told.targetMet());
        assertEquals(1_035, told.expectedEnergyWh());
        assertEquals("feeder board-b, phase L2 at 63 A", told.holdBack());
        assertEquals(Optional.empty(), promises.changed(lane, charging, Optional.of(broken), 40_000, NOW),
                "told once");
    }

    private static SessionRecord charging(long targetWh, Instant departure) {
        SessionRecord opened = SessionRecord.opened(PILE, Optional.empty(), Optional.empty(), 40_000, NOW);
        return opened.authorised(new ChargingInfo(opened.id(), PILE, Optional.empty(), 32, Optional.of(targetWh),
                Optional.empty(), Optional.of(departure)));
    }

    private static Plan plan(long needWh, List<Integer> scheduleA, String hold) {
        PilePlan pile = new PilePlan(PILE, scheduleA.get(0), scheduleA, 690,
                scheduleA.stream().mapToLong(a -> a * 690L / 4).sum(), OptionalLong.of(needWh),
                new Hold(Hold.Kind.FEEDER, hold));
        return new Plan(SLOTS, Map.of(PILE, pile), List.of(0L, 0L, 0L, 0L));
    }

    private ChargingPromise promise(long targetWh, Instant departure, List<Integer> scheduleA) {
        SessionRecord opened = SessionRecord.opened(PILE, Optional.empty(), Optional.empty(), 40_000, NOW);
        SessionRecord charging = opened.authorised(new ChargingInfo(opened.id(), PILE, Optional.empty(), 32,
                Optional.of(targetWh), Optional.empty(), Optional.of(departure)));
        PilePlan pile = new PilePlan(PILE, scheduleA.get(0), scheduleA, 690, 0, OptionalLong.of(targetWh),
                new Hold(Hold.Kind.NONE, "on plan"));
        Plan plan = new Plan(SLOTS, Map.of(PILE, pile), List.of(0L, 0L, 0L, 0L));
        return promises.of(charging, plan, 40_000, NOW).orElseThrow();
    }
}
