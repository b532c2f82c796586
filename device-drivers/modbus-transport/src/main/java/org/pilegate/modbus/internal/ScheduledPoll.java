package org.pilegate.modbus.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.ReadRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A read repeated at a fixed rate, on its endpoint's beat, on the shared scheduler. */
final class ScheduledPoll implements PollTask {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledPoll.class);

    private final ModbusEndpoint endpoint;
    private final ReadRequest request;
    private final Duration period;
    private final PollCallback callback;
    private final Supplier<CompletableFuture<? extends DataBlock>> read;
    private final Consumer<ScheduledPoll> onCancel;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile ScheduledFuture<?> schedule;

    /**
     * @param read submits one read to the endpoint's queue
     * @param onCancel forgets this poll in the manager
     */
    ScheduledPoll(ModbusEndpoint endpoint, ReadRequest request, Duration period, PollCallback callback,
            Supplier<CompletableFuture<? extends DataBlock>> read, Consumer<ScheduledPoll> onCancel) {
        this.endpoint = endpoint;
        this.request = request;
        this.period = period;
        this.callback = callback;
        this.read = read;
        this.onCancel = onCancel;
    }

    void start(ScheduledExecutorService scheduler) {
        schedule = scheduler.scheduleAtFixedRate(this::trigger,
                Beat.nanosToFirstBeat(endpoint, Duration.ZERO, period, System.nanoTime()), period.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    @Override
    public ModbusEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ReadRequest request() {
        return request;
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public void cancel() {
        cancelled = true;
        ScheduledFuture<?> current = schedule;
        if (current != null) {
            current.cancel(false);
        }
        onCancel.accept(this);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Never throws: an exception would silently end the fixed-rate schedule. */
    private void trigger() {
        try {
            if (cancelled) {
                return;
            }
            if (!inFlight.compareAndSet(false, true)) {
                LOG.debug("Skipping poll of {} on {}: the previous one is still running", request, endpoint);
                return;
            }
            // cleared only after delivery, so one poll never runs its callback concurrently with itself
            long queued = System.nanoTime();
            read.get().whenComplete((data, error) -> {
                try {
                    deliver(data, error, queued);
                } finally {
                    inFlight.set(false);
                }
            });
        } catch (RuntimeException e) {
            inFlight.set(false);
            LOG.error("Cannot start poll of {} on {}", request, endpoint, e);
        }
    }

    private void deliver(DataBlock data, Throwable error, long queuedNanos) {
        if (cancelled) {
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        try {
            if (cause == null) {
                callback.onData(data, queuedNanos);
            } else if (cause instanceof ModbusException failure) {
                callback.onFailure(failure);
            } else {
                LOG.error("Poll of {} on {} failed unexpectedly", request, endpoint, cause);
            }
        } catch (RuntimeException e) {
            LOG.warn("Poll callback for {} on {} threw", request, endpoint, e);
        }
    }
}
