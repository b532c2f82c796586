package org.pilegate.api.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Gateway threads for tests: steps run at once on the caller's thread, never behind, and timed runs are only noted,
 * for the test to run by hand when it wants.
 */
public final class ManualThreads implements GatewayThreads {

    /** A timed run or schedule handed over, run by the test. */
    public static final class Timed implements Scheduled {

        public final Duration initialDelay;
        /** Zero for a single run. */
        public final Duration period;
        public final Runnable task;
        private boolean cancelled;

        Timed(Duration initialDelay, Duration period, Runnable task) {
            this.initialDelay = initialDelay;
            this.period = period;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        public boolean cancelled() {
            return cancelled;
        }
    }

    private final List<Timed> timed = new ArrayList<>();

    /** Every timed run and schedule handed over, in turn. */
    public List<Timed> timed() {
        return timed;
    }

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
        Timed handed = new Timed(initialDelay, period, task);
        timed.add(handed);
        return handed;
    }
}
