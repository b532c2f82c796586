package org.pilegate.modbus.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;

import org.pilegate.modbus.EndpointHealth;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.EndpointSettings;
import org.pilegate.modbus.ErrorKind;
import org.pilegate.modbus.ModbusConnectionException;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusIOException;
import org.pilegate.modbus.ModbusSlaveException;
import org.pilegate.modbus.ModbusTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.MoreExecutors;

/**
 * Everything the transport keeps for one endpoint: its single connection, the queue that serialises its
 * transactions, retry policy, health and metrics. All fields not marked otherwise are touched only by the task
 * the queue is running.
 */
final class EndpointChannel {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointChannel.class);

    private final ModbusEndpoint endpoint;
    private final Link link;
    /** Transactions of the endpoint, one after the other, on a pool thread borrowed while there is work. */
    private final Executor queue;
    private final Executor completions;
    private final HealthTracker health;
    private final MetricsRecorder metrics = new MetricsRecorder();
    private final SilentUnits silentUnits = new SilentUnits();
    private volatile EndpointSettings settings;
    private volatile boolean closed;
    // construction counts as activity, so the quiet time also holds before the first transaction
    private long lastActivity = System.nanoTime();
    private boolean reopenAfterFailure;

    /**
     * @param io pool that lends the endpoint a thread while it has work
     * @param completions where results are handed to callers; the manager completes directly on the IO thread,
     *            because a hand-off to another thread costs more than the transaction on a fast link
     */
    EndpointChannel(ModbusEndpoint endpoint, Link link, EndpointSettings settings, Executor io, Executor completions,
            Clock clock) {
        this.endpoint = endpoint;
        this.link = link;
        this.settings = settings;
        this.queue = MoreExecutors.newSequentialExecutor(io);
        this.completions = completions;
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

    /** Queues {@code operation} behind the endpoint's other transactions. */
    <T> CompletableFuture<T> submit(Operation<T> operation) {
        metrics.requested();
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            queue.execute(() -> {
                try {
                    T value = run(operation);
                    complete(() -> result.complete(value));
                } catch (ModbusException e) {
                    complete(() -> result.completeExceptionally(e));
                } catch (RuntimeException e) {
                    LOG.error("Modbus transaction {} on {} failed unexpectedly", operation.description(), endpoint, e);
                    complete(() -> result.completeExceptionally(e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(stopped());
        }
        return result;
    }

    /** Stops accepting work and closes the connection, which also unblocks a transaction waiting for an answer. */
    void close() {
        closed = true;
        link.close();
    }

    private <T> T run(Operation<T> operation) throws ModbusException {
        if (closed) {
            throw stopped();
        }
        EndpointSettings current = settings;
        long started = System.nanoTime();
        Optional<String> refusal = silentUnits.refusal(operation.unitId(), started);
        if (refusal.isPresent()) {
            metrics.failed(ErrorKind.TIMEOUT);
            throw new ModbusTimeoutException(operation.description() + " on " + endpoint + ": " + refusal.get(),
                    null);
        }
        for (int attempt = 0;; attempt++) {
            ModbusException failure;
            try {
                T value = attempt(operation, current);
                metrics.succeeded(System.nanoTime() - started);
                health.succeeded();
                silentUnits.answered(operation.unitId());
                return value;
            } catch (ModbusSlaveException e) {
                silentUnits.answered(operation.unitId());
                metrics.failed(e.kind());
                health.answeredWithError(e.getMessage());
                throw e;
            } catch (ModbusException e) {
                failure = e;
            }
            // the stream may hold a late or partial answer; only a fresh connection is known to be clean
            link.close();
            reopenAfterFailure = true;
            if (closed || attempt >= current.maxRetries()) {
                metrics.failed(failure.kind());
                health.failed(failure.getMessage());
                if (failure instanceof ModbusTimeoutException) {
                    silentUnits.timedOut(operation.unitId(), System.nanoTime());
                }
                throw failure;
            }
            metrics.retried();
            health.retrying(failure.getMessage());
            Duration delay = Backoff.delay(current, attempt + 1, ThreadLocalRandom.current().nextDouble());
            LOG.debug("{} on {} failed ({}), retry {} of {} in {} ms", operation.description(), endpoint,
                    failure.getMessage(), attempt + 1, current.maxRetries(), delay.toMillis());
            pause(delay);
        }
    }

    private <T> T attempt(Operation<T> operation, EndpointSettings current) throws ModbusException {
        pause(Duration.ofNanos(lastActivity + current.interTransactionDelay().toNanos() - System.nanoTime()));
        int timeoutMillis = (int) current.timeout().toMillis();
        if (link.isOpen() && System.nanoTime() - lastActivity > current.reconnect().maxIdle().toNanos()) {
            LOG.debug("Reopening idle connection to {}", endpoint);
            link.close();
        }
        if (!link.isOpen()) {
            link.open(timeoutMillis);
            if (reopenAfterFailure) {
                metrics.reconnected();
                reopenAfterFailure = false;
            }
        }
        try {
            return link.execute(operation, timeoutMillis);
        } finally {
            lastActivity = System.nanoTime();
            if (current.reconnect().closeAfterTransaction()) {
                link.close();
            }
        }
    }

    private void pause(Duration delay) throws ModbusIOException {
        if (delay.isNegative() || delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModbusIOException("interrupted while waiting to talk to " + endpoint, e);
        }
    }

    private void complete(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            // shutting down: complete here rather than leave the caller waiting forever
            completion.run();
        }
    }

    private ModbusConnectionException stopped() {
        return new ModbusConnectionException("Modbus transport stopped; " + endpoint + " is closed", null);
    }
}
