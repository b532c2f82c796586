package org.pilegate.session.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;

/**
 * Whether the gateway takes on a new charge: only while the shared workers keep up (see
 * {@link SessionConfig#admissionBacklogMs}). Past its capacity it finishes what it runs rather than slowing everything
 * down, and says so at once.
 */
final class ChargeAdmission {

    private final Supplier<Duration> backlog;
    private final Supplier<Duration> limit;

    /**
     * @param backlog how far behind the shared workers are now
     * @param limit the backlog past which no charge is taken on
     */
    ChargeAdmission(Supplier<Duration> backlog, Supplier<Duration> limit) {
        this.backlog = backlog;
        this.limit = limit;
    }

    /** Completes when a charge at {@code pile} may start now; fails with a {@link DialogueRefusal} when not. */
    CompletableFuture<Void> admit(PileId pile) {
        Duration behind = backlog.get();
        if (behind.compareTo(limit.get()) <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.failedFuture(new DialogueRefusal(ErrorCode.GATEWAY_BUSY, "the gateway is at capacity"
                + " (its workers are " + behind.toMillis() + " ms behind): pile " + pile + " starts no"
                + " charging now; ask again in a few seconds"));
    }
}
