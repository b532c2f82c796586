package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.work.ManualThreads;

class SessionSchedulesTest {

    private final ManualThreads threads = new ManualThreads();
    private final List<ManualThreads.Timed> handed = threads.timed();
    private final List<Long> ticks = new ArrayList<>();
    private TickSlots slots;

    @Test
    void ticksComeEverySlotCountingTheSlotsAndTheHousekeepingAtItsOwnPeriods() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), this::tick);
        Runnable housekeeping = () -> { };
        schedules.every(Duration.ZERO, Duration.ofMinutes(1), housekeeping);

        assertEquals(2, handed.size());
        assertEquals(Duration.ofMillis(250), handed.get(0).initialDelay);
        assertEquals(Duration.ofMillis(250), handed.get(0).period);
        handed.get(0).task.run();
        handed.get(0).task.run();
        assertEquals(List.of(0L, 1L), ticks);
        assertEquals(TickSlots.over(Duration.ofSeconds(5)), slots);
        assertEquals(Duration.ofMinutes(1), handed.get(1).period);
        assertEquals(housekeeping, handed.get(1).task);
    }

    @Test
    void aNewIntervalMovesTheTicksAndTheSameOneLeavesThemAlone() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), this::tick);

        schedules.tickEvery(Duration.ofSeconds(5));
        assertEquals(1, handed.size());
        assertFalse(handed.get(0).cancelled());

        schedules.tickEvery(Duration.ofSeconds(2));
        assertTrue(handed.get(0).cancelled());
        ManualThreads.Timed moved = handed.get(1);
        assertEquals(Duration.ofMillis(250), moved.initialDelay);
        assertEquals(Duration.ofMillis(250), moved.period);
        moved.task.run();
        assertEquals(List.of(0L), ticks);
        assertEquals(8, slots.count());
    }

    @Test
    void cancellingEndsTheTicksAsMovedLastAndEveryHousekeeping() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), this::tick);
        schedules.every(Duration.ZERO, Duration.ofMinutes(1), () -> { });
        schedules.tickEvery(Duration.ofSeconds(2));

        schedules.cancel();

        assertTrue(handed.stream().allMatch(ManualThreads.Timed::cancelled));
    }

    private void tick(TickSlots over, long slot) {
        slots = over;
        ticks.add(slot);
    }
}
