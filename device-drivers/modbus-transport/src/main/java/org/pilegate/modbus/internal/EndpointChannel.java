package org.pilegate.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ErrorKind;
import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ModbusTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the transport keeps for one endpoint: its single connection, the queue that serialises its
 * transactions, retry policy, health and metrics. The queue waits on stages, never on a thread: quiet times and
 * retry delays are timers, and a transaction holds a thread only if its link blocks. Fields not marked otherwise
 * are touched only by the operation under way.
 */
final class EndpointChannel {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChannel.class);

    /** An operation, the caller's stage and where it is completed. */
    private record Queued<T>(Operation<T> operation, CompletableFuture<T> result, Executor completions) {
    }

    private final ModbusEndpoint endpoint;
    private final AsyncLink link;
    private final ScheduledExecutorService timer;
    private final HealthTracker health;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final SilentUnits silentUnits = new SilentUnits();
    /** Operations waiting behind the one under way; guards itself, {@link #running} and {@link #current}. */
    private final ArrayDeque<Queued<?>> queue = new ArrayDeque<>();
    private boolean running;
    private Queued<?> current;
    private volatile EndpointSettings settings;
    private volatile boolean closed;
    // construction counts as activity, so the quiet time also holds before the first transaction
    private long lastActivity = System.nanoTime();
    private boolean reopenAfterFailure;

    /** @param timer runs quiet times and retry delays */
    EndpointChannel(ModbusEndpoint endpoint, AsyncLink link, EndpointSettings settings,
            ScheduledExecutorService timer, Clock clock) {
        this.endpoint = endpoint;
        this.link = link;
        this.settings = settings;
        this.timer = timer;
        this.health = new HealthTracker(endpoint.toString(), clock);
    }

    void configure(EndpointSettings newSettings) {
        settings = newSettings;
    }

    EndpointHealth health() {
        return health.snapshot();
    }

    EndpointMetrics metrics() {
        return metrics.snapshot();
    }

    /**
     * Queues {@code operation} behind the endpoint's other transactions.
     *
     * @param completions where its stage is completed: a driver's lane, or {@code Runnable::run} on the IO thread
     */
    <T> CompletableFuture<T> submit(Operation<T> operation, Executor completions) {
        metrics.requested();
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (queue) {
            if (closed) {
                result.completeExceptionally(stopped());
                return result;
            }
            queue.add(new Queued<>(operation, result, completions));
            if (running) {
                return result;
            }
            running = true;
        }
        drain();
        return result;
    }

    /** Stops accepting work, closes the connection and fails what was queued or under way. */
    void close() {
        List<Queued<?>> abandoned;
        synchronized (queue) {
            closed = true;
            abandoned = new ArrayList<>(queue);
            queue.clear();
            if (current != null) {
                abandoned.add(current);
            }
        }
        link.close();
        abandoned.forEach(queued -> queued.result().completeExceptionally(stopped()));
    }

    /** Runs the queued operations one after the other: in a loop while they end at once, else as each ends. */
    private void drain() {
        while (true) {
            Queued<?> next;
            synchronized (queue) {
                next = queue.poll();
                current = next;
                if (next == null) {
                    running = false;
                    return;
                }
            }
            CompletableFuture<Void> done = run(next);
            if (!done.isDone()) {
                done.whenComplete((ignored, error) -> drain());
                return;
            }
        }
    }

    /** Completes the operation's stage, or hands it to where it completes; the returned one follows, never failing. */
    private <T> CompletableFuture<Void> run(Queued<T> queued) {
        if (closed) {
            queued.result().completeExceptionally(stopped());
            return CompletableFuture.completedFuture(null);
        }
        Operation<T> operation = queued.operation();
        long started = System.nanoTime();
        Optional<String> refusal = silentUnits.refusal(operation.unitId(), started);
        if (refusal.isPresent()) {
            metrics.failed(ErrorKind.TIMEOUT);
            deliver(queued, null, new ModbusTimeoutException(operation.description() + " on " + endpoint + ": "
                    + refusal.get(), null));
            return CompletableFuture.completedFuture(null);
        }
        return attempt(queued, settings, started, 0).toCompletableFuture().exceptionally(error -> {
            // only a timer refusing work after shutdown gets here
            deliver(queued, null, unwrap(error));
            return null;
        });
    }

    private <T> CompletionStage<Void> attempt(Queued<T> queued, EndpointSettings current, long started,
            int attempt) {
        Duration quiet = Duration.ofNanos(lastActivity + current.interTransactionDelay().toNanos()
                - System.nanoTime());
        return after(quiet)
                .thenCompose(ignored -> connected(current))
                .thenCompose(ignored -> transact(queued.operation(), current))
                .handle((value, error) -> outcome(queued, current, started, attempt, value, error))
                .thenCompose(Function.identity());
    }

    private CompletionStage<Void> connected(EndpointSettings current) {
        if (link.isOpen() && System.nanoTime() - lastActivity > current.reconnect().maxIdle().toNanos()) {
            LOG.debug("Reopening idle connection to {}", endpoint);
            link.close();
        }
        if (link.isOpen()) {
            return CompletableFuture.completedFuture(null);
        }
        return link.open(timeoutMillis(current)).thenRun(() -> {
            if (reopenAfterFailure) {
                metrics.reconnected();
                reopenAfterFailure = false;
            }
        });
    }

    private <T> CompletionStage<T> transact(Operation<T> operation, EndpointSettings current) {
        return link.execute(operation, timeoutMillis(current)).whenComplete((value, error) -> {
            lastActivity = System.nanoTime();
            if (current.reconnect().closeAfterTransaction()) {
                link.close();
            }
        });
    }

    private <T> CompletionStage<Void> outcome(Queued<T> queued, EndpointSettings current, long started,
            int attempt, T value, Throwable error) {
        Operation<T> operation = queued.operation();
        if (error == null) {
            metrics.succeeded(System.nanoTime() - started);
            health.succeeded();
            silentUnits.answered(operation.unitId());
            deliver(queued, value, null);
            return CompletableFuture.completedFuture(null);
        }
        Throwable cause = unwrap(error);
        if (closed) {
            // shutting down closed the connection under it: no news of the device's health
            deliver(queued, null, cause);
            return CompletableFuture.completedFuture(null);
        }
        if (!(cause instanceof ModbusException failure)) {
            LOG.error("Modbus transaction {} on {} failed unexpectedly", operation.description(), endpoint, cause);
            deliver(queued, null, cause);
            return CompletableFuture.completedFuture(null);
        }
        if (failure instanceof ModbusSlaveException) {
            silentUnits.answered(operation.unitId());
            metrics.failed(failure.kind());
            health.answeredWithError(failure.getMessage());
            deliver(queued, null, failure);
            return CompletableFuture.completedFuture(null);
        }
        // the stream may hold a late or partial answer; only a fresh connection is known to be clean
        link.close();
        reopenAfterFailure = true;
        if (attempt >= current.maxRetries()) {
            metrics.failed(failure.kind());
            health.failed(failure.getMessage());
            if (failure instanceof ModbusTimeoutException) {
                silentUnits.timedOut(operation.unitId(), System.nanoTime());
            }
            deliver(queued, null, failure);
            return CompletableFuture.completedFuture(null);
        }
        metrics.retried();
        health.retrying(failure.getMessage());
        Duration delay = Backoff.delay(current, attempt + 1, ThreadLocalRandom.current().nextDouble());
        LOG.debug("{} on {} failed ({}), retry {} of {} in {} ms", operation.description(), endpoint,
                failure.getMessage(), attempt + 1, current.maxRetries(), delay.toMillis());
        return after(delay).thenCompose(ignored -> attempt(queued, current, started, attempt + 1));
    }

    /** A stage that completes after {@code delay}, at once if there is none. */
    private CompletableFuture<Void> after(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> elapsed = new CompletableFuture<>();
        try {
            timer.schedule(() -> elapsed.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            elapsed.completeExceptionally(stopped());
        }
        return elapsed;
    }

    private <T> void deliver(Queued<T> queued, T value, Throwable error) {
        Runnable completion = error == null
                ? () -> queued.result().complete(value)
                : () -> queued.result().completeExceptionally(error);
        try {
            queued.completions().execute(completion);
        } catch (RejectedExecutionException e) {
            // shutting down: complete here rather than leave the caller waiting forever
            completion.run();
        }
    }

    private static int timeoutMillis(EndpointSettings settings) {
        return (int) settings.timeout().toMillis();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private ModbusConnectionException stopped() {
        return new ModbusConnectionException("Modbus transport stopped; " + endpoint + " is closed", null);
    }
}
