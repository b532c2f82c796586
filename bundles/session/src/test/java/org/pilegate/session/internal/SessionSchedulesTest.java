package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.work.ManualThreads;

class SessionSchedulesTest {

    private final ManualThreads threads = new ManualThreads();
    private final List<ManualThreads.Timed> handed = threads.timed();
    private int ticks;

    @Test
    void ticksStartAtTheIntervalAndTheHousekeepingAtItsOwnPeriods() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), () -> ticks++);
        Runnable housekeeping = () -> { };
        schedules.every(Duration.ZERO, Duration.ofMinutes(1), housekeeping);

        assertEquals(2, handed.size());
        assertEquals(Duration.ofSeconds(5), handed.get(0).initialDelay);
        assertEquals(Duration.ofSeconds(5), handed.get(0).period);
        handed.get(0).task.run();
        assertEquals(1, ticks);
        assertEquals(Duration.ofMinutes(1), handed.get(1).period);
        assertEquals(housekeeping, handed.get(1).task);
    }

    @Test
    void aNewIntervalMovesTheTicksAndTheSameOneLeavesThemAlone() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), () -> ticks++);

        schedules.tickEvery(Duration.ofSeconds(5));
        assertEquals(1, handed.size());
        assertFalse(handed.get(0).cancelled());

        schedules.tickEvery(Duration.ofSeconds(2));
        assertTrue(handed.get(0).cancelled());
        ManualThreads.Timed moved = handed.get(1);
        assertEquals(Duration.ofSeconds(2), moved.initialDelay);
        assertEquals(Duration.ofSeconds(2), moved.period);
        moved.task.run();
        assertEquals(1, ticks);
    }

    @Test
    void cancellingEndsTheTicksAsMovedLastAndEveryHousekeeping() {
        SessionSchedules schedules = new SessionSchedules(threads, Duration.ofSeconds(5), () -> ticks++);
        schedules.every(Duration.ZERO, Duration.ofMinutes(1), () -> { });
        schedules.tickEvery(Duration.ofSeconds(2));

        schedules.cancel();

        assertTrue(handed.stream().allMatch(ManualThreads.Timed::cancelled));
    }
}
