package org.pilegate.api.work;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's threads: a fixed pool of workers and one timer thread that only hands due runs to them, so a slow run
 * never delays another one's timing. The workers take steps by when each is due: a step is due when handed over, a
 * background step {@link #BACKGROUND_YIELD} later, so a burst of background work (every session's status at once)
 * does not hold up the dialogue, and is itself never held up longer than that. The platform registers one instance as
 * the {@link GatewayThreads} service; tests make their own.
 */
public final class SharedThreads implements GatewayThreads, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SharedThreads.class);
    /** How long a background step lets the steps handed over after it go first. */
    public static final Duration BACKGROUND_YIELD = Duration.ofSeconds(1);

    private final Workers workers;
    private final Executor background;
    private final ScheduledExecutorService timer;

    /** @param workerCount threads for steps; more than cores, as steps wait for the store */
    public SharedThreads(int workerCount) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be positive: " + workerCount);
        }
        this.workers = new Workers(workerCount, named("pilegate-worker-"));
        this.background = step -> workers.execute(step, BACKGROUND_YIELD.toNanos());
        this.timer = Executors.newSingleThreadScheduledExecutor(named("pilegate-timer-"));
    }

    @Override
    public ExecutorService workers() {
        return workers;
    }

    @Override
    public Executor background() {
        return background;
    }

    @Override
    public Duration backlog() {
        return workers.backlog();
    }

    @Override
    public Scheduled after(Duration delay, Runnable task) {
        ScheduledFuture<?> due = timer.schedule(() -> workers.execute(logged(task)), delay.toNanos(),
                TimeUnit.NANOSECONDS);
        return () -> due.cancel(false);
    }

    @Override
    public Scheduled every(Duration initialDelay, Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        Repeating repeating = new Repeating(period, logged(task));
        repeating.next(initialDelay);
        return repeating;
    }

    /** Stops the timer and the workers; queued runs are dropped. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private final class Repeating implements Scheduled {

        private final Duration period;
        private final Runnable task;
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> due;

        Repeating(Duration period, Runnable task) {
            this.period = period;
            this.task = task;
        }

        void next(Duration delay) {
            if (cancelled || timer.isShutdown()) {
                return;
            }
            due = timer.schedule(() -> workers.execute(this::run), delay.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void run() {
            if (!cancelled) {
                try {
                    task.run();
                } finally {
                    next(period);
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            ScheduledFuture<?> current = due;
            if (current != null) {
                current.cancel(false);
            }
        }
    }

    /** A fixed pool taking its steps by when each is due, first come first served among equals. */
    private static final class Workers extends ThreadPoolExecutor {

        private final AtomicLong handedOver = new AtomicLong();

        Workers(int count, ThreadFactory threads) {
            super(count, count, 0, TimeUnit.MILLISECONDS, new PriorityBlockingQueue<>(), threads);
        }

        @Override
        public void execute(Runnable step) {
            execute(step, 0);
        }

        void execute(Runnable step, long yieldNanos) {
            super.execute(new Queued(step, System.nanoTime() + yieldNanos, handedOver.incrementAndGet()));
        }

        /** How long the first step in line is overdue. */
        Duration backlog() {
            return getQueue().peek() instanceof Queued first
                    ? Duration.ofNanos(Math.max(0, System.nanoTime() - first.due())) : Duration.ZERO;
        }
    }

    private record Queued(Runnable step, long due, long order) implements Runnable, Comparable<Queued> {

        @Override
        public void run() {
            step.run();
        }

        @Override
        public int compareTo(Queued other) {
            int byDue = Long.compare(due - other.due, 0); // nanoTime values compare by difference
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }

    private static Runnable logged(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A scheduled run failed", e);
            }
        };
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
