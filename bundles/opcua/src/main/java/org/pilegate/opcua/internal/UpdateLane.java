package org.pilegate.opcua.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of the site's address space, in order, one at a time, on the gateway's shared threads: the piles'
 * and meters' threads hand their news over and never wait for OPC UA. A change that fails is logged and the next one
 * runs; once stopped, changes are dropped.
 */
final class UpdateLane {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateLane.class);

    private final Lane lane;
    private volatile boolean stopped;

    UpdateLane(Executor threads) {
        this.lane = new Lane(threads);
    }

    /** Queues {@code task}; {@code what} names it in the log. */
    void submit(String what, Runnable task) {
        if (stopped) {
            LOG.debug("OPC UA namespace stopped; dropped {}", what);
            return;
        }
        lane.execute(() -> guarded(what, task));
    }

    /**
     * Takes no more changes and runs {@code last} after the ones queued, waiting for it at most {@code timeout}.
     *
     * @throws TimeoutException if {@code last} did not end in time
     * @throws ExecutionException with what {@code last} threw
     */
    void stop(Runnable last, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        stopped = true;
        lane.submit(() -> {
            last.run();
            return CompletableFuture.completedFuture(null);
        }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("OPC UA: {} failed", what, e);
        }
    }
}
