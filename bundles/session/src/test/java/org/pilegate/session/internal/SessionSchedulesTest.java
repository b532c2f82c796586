package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.pilegate.api.work.GatewayThreads;

class SessionSchedulesTest {

    /** A schedule handed to the threads, run by the test. */
    private static final class Schedule implements GatewayThreads.Scheduled {

        final Duration initialDelay;
        final Duration period;
        final Runnable task;
        boolean cancelled;

        Schedule(Duration initialDelay, Duration period, Runnable task) {
            this.initialDelay = initialDelay;
            this.period = period;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Schedule> handed = new ArrayList<>();
    private final GatewayThreads threads = new GatewayThreads() {
        @Override
        public Executor workers() {
            return Runnable::run;
        }

        @Override
        public Executor background() {
            return Runnable::run;
        }

        @Override
        public Duration backlog() {
            return Duration.ZERO;
        }

        @Override
        public Scheduled after(Duration delay, Runnable task) {
            return every(delay, Duration.ZERO, task);
        }

        @Override
        public Scheduled every(Duration initialDelay, Duration period, Runnable task) {
            Schedule schedule = new Schedule(initialDelay, period, task);
            handed.add(schedule);
            return schedule;
        }
    };
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
        assertFalse(handed.get(0).cancelled);

        schedules.tickEvery(Duration.ofSeconds(2));
        assertTrue(handed.get(0).cancelled);
        Schedule moved = handed.get(1);
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

        assertTrue(handed.stream().allMatch(schedule -> schedule.cancelled));
    }
}
