package org.pilegate.api.work;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The gateway's shared threads, named for what runs on them. Components own no threads: they run their steps on
 * {@link #workers()} (in order through a {@link Lane} where order matters) and time them with {@link #after} and
 * {@link #every}, which hand each run to the workers. Steps may wait for the store; they never wait for a device or
 * another component: such a step ends in a stage instead.
 */
public interface GatewayThreads {

    /** The shared workers ({@code pilegate-worker-N}). */
    Executor workers();

    /**
     * The same workers, for steps that may wait behind the dialogue's: a step handed over here lets the steps handed
     * to {@link #workers()} in the next second go first (periodic status, reports), so that a burst of it never
     * stands between a driver and the answer.
     */
    Executor background();

    /**
     * How long the step first in line for a worker is overdue (a background step is due a second after it was handed
     * over): zero while a worker is free. The gateway's measure of
     * its own load, by which it refuses new work it could only serve late.
     */
    Duration backlog();

    /** Runs {@code task} on the workers once {@code delay} has passed. */
    Scheduled after(Duration delay, Runnable task);

    /**
     * Runs {@code task} on the workers every {@code period}, the first time after {@code initialDelay}. Runs never
     * overlap: the next is due {@code period} after the last one ended. What a run throws is logged; the schedule
     * goes on.
     */
    Scheduled every(Duration initialDelay, Duration period, Runnable task);

    /** A timed run or schedule. */
    interface Scheduled {

        /** Stops it; a run under way finishes. Idempotent. */
        void cancel();
    }
}
