package org.pilegate.session.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.Lane;

/**
 * The lanes of the piles the server side knows: one per pile it runs or has an open session on, all on the same
 * shared threads.
 */
final class PileLanes {

    private final Map<PileId, PileLane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger made = new AtomicInteger();
    private final Executor threads;
    private final Executor background;
    private final Duration queueLimit;

    /**
     * @param background where a lane waits with only background steps ({@link StatusTicks})
     * @param queueLimit how long a terminal's request may wait for its pile's turn; a request still waiting then is
     *        refused as busy and dropped, so a late answer never does what the terminal was told had not happened
     */
    PileLanes(Executor threads, Executor background, Duration queueLimit) {
        this.threads = threads;
        this.background = background;
        this.queueLimit = queueLimit;
    }

    /** The pile's lane, made on first use. */
    PileLane of(PileId pile) {
        return lanes.computeIfAbsent(pile,
                id -> new PileLane(id, made.getAndIncrement(), new Lane(threads, background)));
    }

    Collection<PileLane> all() {
        return lanes.values();
    }

    /**
     * Runs a terminal's request on the pile's lane in its turn; the pile's next work waits for the stage it returns.
     *
     * @return the stage's outcome; a {@link DialogueRefusal} for a pile the gateway does not run, or for a request
     *         that waited past the queue limit
     */
    <T> CompletableFuture<T> request(PileId pile, Function<PileLane, CompletionStage<T>> work) {
        PileLane lane = lanes.get(pile);
        if (lane == null) {
            return CompletableFuture.failedFuture(new DialogueRefusal(ErrorCode.UNKNOWN_PILE, "there is no pile " + pile
                    + " at this depot"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> turn = new CompletableFuture<>();
        turn.orTimeout(queueLimit.toMillis(), TimeUnit.MILLISECONDS).whenComplete((started, late) -> {
            if (late != null) {
                result.completeExceptionally(new DialogueRefusal(ErrorCode.SERVICE_BUSY, "pile " + pile
                        + " is busy; send the request again"));
            }
        });
        lane.work.<T>submit(() -> {
            if (!turn.complete(null)) {
                // refused as busy already
                return CompletableFuture.completedFuture(null);
            }
            if (lane.pile == null) {
                throw new DialogueRefusal(ErrorCode.PILE_UNAVAILABLE, "pile " + pile + " is not running");
            }
            return work.apply(lane);
        }).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** As {@link #request}, for work done once its turn comes. */
    <T> CompletableFuture<T> requestNow(PileId pile, Function<PileLane, T> work) {
        return request(pile, lane -> CompletableFuture.completedFuture(work.apply(lane)));
    }
}
