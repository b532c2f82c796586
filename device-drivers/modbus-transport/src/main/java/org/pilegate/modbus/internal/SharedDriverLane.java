package org.pilegate.modbus.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.ModbusEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.MoreExecutors;

/**
 * A driver's lane: a sequential executor over the transport's driver threads, and schedules whose trigger only
 * queues the run in the lane, so the scheduler's few threads never do a driver's work.
 */
final class SharedDriverLane implements DriverLane {

    private static final Logger LOG = LoggerFactory.getLogger(SharedDriverLane.class);

    private final String device;
    private final Executor sequence;
    private final ScheduledExecutorService scheduler;
    private final Set<ScheduledFuture<?>> schedules = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SharedDriverLane(String device, Executor workers, ScheduledExecutorService scheduler) {
        this.device = Objects.requireNonNull(device, "device");
        this.sequence = MoreExecutors.newSequentialExecutor(workers);
        this.scheduler = scheduler;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        refuseIfClosed();
        sequence.execute(() -> run(task));
    }

    @Override
    public Future<?> scheduleAtFixedRate(Runnable task, ModbusEndpoint endpoint, Duration initialDelay,
            Duration period) {
        Objects.requireNonNull(task, "task");
        Beat.checkPeriod(period);
        refuseIfClosed();
        AtomicBoolean queued = new AtomicBoolean();
        ScheduledFuture<?> schedule = scheduler.scheduleAtFixedRate(() -> {
            if (!closed && queued.compareAndSet(false, true)) {
                sequence.execute(() -> {
                    queued.set(false);
                    run(task);
                });
            }
        }, Beat.nanosToFirstBeat(endpoint, initialDelay, period, System.nanoTime()), period.toNanos(),
                TimeUnit.NANOSECONDS);
        schedules.add(schedule);
        return schedule;
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        Objects.requireNonNull(task, "task");
        refuseIfClosed();
        scheduler.schedule(() -> {
            if (!closed) {
                sequence.execute(() -> run(task));
            }
        }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs the completion of one of the driver's requests in the lane, after the tasks queued before it. Unlike
     * {@link #execute}, also once the lane is closed: whoever waits for the request must hear how it ended.
     *
     * @throws RejectedExecutionException once the transport is stopped
     */
    void complete(Runnable completion) {
        sequence.execute(completion);
    }

    @Override
    public void close() {
        closed = true;
        schedules.forEach(schedule -> schedule.cancel(false));
        schedules.clear();
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new RejectedExecutionException("the driver lane of " + device + " is closed");
        }
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("A task of driver {} failed", device, e);
        }
    }
}
