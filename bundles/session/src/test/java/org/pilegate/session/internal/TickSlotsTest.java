package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.Lane;

class TickSlotsTest {

    @Test
    void anIntervalIsCutIntoSlotsOfAQuarterSecondAtMostTwenty() {
        assertEquals(new TickSlots(20, Duration.ofMillis(250)), TickSlots.over(Duration.ofSeconds(5)));
        assertEquals(new TickSlots(20, Duration.ofMillis(1500)), TickSlots.over(Duration.ofSeconds(30)));
        assertEquals(new TickSlots(4, Duration.ofMillis(250)), TickSlots.over(Duration.ofSeconds(1)));
        assertEquals(new TickSlots(1, Duration.ofMillis(200)), TickSlots.over(Duration.ofMillis(200)));
    }

    @Test
    void aSmallDepotHasEveryPileInTheFirstSlotAndNoneInTheOthers() {
        TickSlots slots = TickSlots.over(Duration.ofSeconds(5));
        List<PileLane> depot = lanes(20);

        assertEquals(20, taken(slots, depot, 0));
        for (int slot = 1; slot < 20; slot++) {
            assertEquals(0, taken(slots, depot, slot), "slot " + slot);
        }
        assertEquals(20, taken(slots, depot, 20), "the next interval");
    }

    @Test
    void aLargeDepotSpreadsItsPilesEvenlyOverEverySlotEachPileOncePerInterval() {
        TickSlots slots = TickSlots.over(Duration.ofSeconds(5));
        List<PileLane> depot = lanes(2000);
        int[] turns = new int[2000];

        for (int slot = 0; slot < 20; slot++) {
            int inSlot = 0;
            for (PileLane lane : depot) {
                if (slots.takes(lane, slot, depot.size())) {
                    turns[lane.ordinal]++;
                    inSlot++;
                }
            }
            assertEquals(100, inSlot, "slot " + slot);
        }
        assertEquals(List.of(1), IntStream.of(turns).distinct().boxed().toList());
    }

    @Test
    void aMidSizedDepotUsesSlotsSpreadOverTheInterval() {
        TickSlots slots = TickSlots.over(Duration.ofSeconds(5));
        List<PileLane> depot = lanes(500);

        List<Integer> used = IntStream.range(0, 20).filter(slot -> taken(slots, depot, slot) > 0).boxed().toList();

        assertEquals(List.of(0, 4, 8, 12, 16), used);
        assertEquals(100, taken(slots, depot, 8));
    }

    private static long taken(TickSlots slots, List<PileLane> depot, long slot) {
        return depot.stream().filter(lane -> slots.takes(lane, slot, depot.size())).count();
    }

    private static List<PileLane> lanes(int count) {
        List<PileLane> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lanes.add(new PileLane(new PileId("bay-" + i), i, new Lane(Runnable::run)));
        }
        return lanes;
    }
}
