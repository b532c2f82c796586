package org.pilegate.uplink.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox in its order and removes what the broker acknowledged. Each {@link #pass()} runs on a shared worker
 * and never overlaps the last; acknowledgements come on the producer's own thread and are only noted there.
 * <p>
 * Order: the producer is idempotent with at most five requests in flight, so within a partition (one session, one
 * pile) the broker keeps the order it was given and never writes an event twice from one send. When a send fails, the
 * relay waits until nothing is in flight any more, then sends again from the oldest event not acknowledged: what
 * reached the broker although its acknowledgement was lost arrives twice, with the same {@code eventId}, and never
 * ahead of an earlier event of its session.
 */
final class Relay {

    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /** How long the relay waits after a failed send before it tries again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final JdbcOutbox outbox;
    private final Sender sender;
    private final int batch;
    private final Clock clock;
    private final Queue<Long> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile Optional<String> lastError = Optional.empty();
    private long cursor;
    private Instant retryAt = Instant.MIN;

    Relay(JdbcOutbox outbox, Sender sender, int batch, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.batch = batch;
        this.clock = clock;
    }

    /** Removes what was acknowledged, then sends the next events, unless a failure is still being waited out. */
    synchronized void pass() {
        boolean failed = failure.get() != null;
        boolean settled = inFlight.get() == 0;
        removeAcknowledged();
        if (failed) {
            if (!settled) {
                return;
            }
            lastError = Optional.of(failure.getAndSet(null));
            cursor = 0;
            retryAt = clock.instant().plus(RETRY_AFTER);
            LOG.warn("Uplink: sending failed ({}); sending again from the oldest event not acknowledged in {} s",
                    lastError.get(), RETRY_AFTER.toSeconds());
            return;
        }
        if (clock.instant().isBefore(retryAt) || inFlight.get() >= batch) {
            return;
        }
        for (OutboxEvent event : outbox.after(cursor, batch - inFlight.get())) {
            inFlight.incrementAndGet();
            try {
                sender.send(event, error -> acknowledge(event.seq(), error));
            } catch (RuntimeException e) {
                inFlight.decrementAndGet();
                failure.compareAndSet(null, describe(e));
            }
            if (failure.get() != null) {
                return; // a later event must not overtake this one: all goes again from the oldest
            }
            cursor = event.seq();
        }
    }

    /**
     * Stops sending once a pass under way has ended: what is not acknowledged within the sender's close stays in the
     * outbox for the next relay.
     */
    synchronized void stop() {
        sender.close();
    }

    /** Events the broker acknowledged since the start. */
    long sent() {
        return sent.get();
    }

    /** Why the last send failed, until one succeeds. */
    Optional<String> lastError() {
        return lastError;
    }

    private void acknowledge(long seq, Optional<Exception> error) {
        if (error.isEmpty()) {
            acknowledged.add(seq);
            sent.incrementAndGet();
            lastError = Optional.empty();
        } else {
            failure.compareAndSet(null, describe(error.get()));
        }
        inFlight.decrementAndGet();
    }

    private void removeAcknowledged() {
        List<Long> seqs = new ArrayList<>();
        for (Long seq = acknowledged.poll(); seq != null; seq = acknowledged.poll()) {
            seqs.add(seq);
        }
        try {
            outbox.remove(seqs);
        } catch (RuntimeException e) {
            acknowledged.addAll(seqs); // removed on the next pass; a crash before that sends them again, same ids
            LOG.warn("Uplink: {} acknowledged event(s) could not be removed from the outbox yet", seqs.size(), e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
