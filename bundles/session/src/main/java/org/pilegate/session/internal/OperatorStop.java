package org.pilegate.session.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;

/**
 * The operator's stop of a session, from the shell or over OPC UA: refused at once for a session unknown or over,
 * otherwise handed to the session's pile on its lane and answered once the session has ended and been settled.
 */
final class OperatorStop {

    /** What the pile's lane does with the stop ({@link SessionEnding#stopByOperator}). */
    @FunctionalInterface
    interface OnLane {
        void stop(PileLane lane, SessionId id, String why, CompletableFuture<SessionOverview> stopped);
    }

    private final Function<SessionId, Optional<SessionRecord>> find;
    private final PileLanes lanes;
    private final OnLane onLane;
    private final Duration limit;

    /** @param limit how long the operator waits for the session to end before the stop fails as timed out */
    OperatorStop(Function<SessionId, Optional<SessionRecord>> find, PileLanes lanes, OnLane onLane, Duration limit) {
        this.find = find;
        this.lanes = lanes;
        this.onLane = onLane;
        this.limit = limit;
    }

    CompletionStage<SessionOverview> stop(SessionId id, String reason) {
        Optional<SessionRecord> found = find.apply(id);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("there is no session " + id));
        }
        if (found.get().state().hasEnded()) {
            return CompletableFuture.failedFuture(SessionEnding.ended(found.get()));
        }
        PileLane lane = lanes.of(found.get().session().pile());
        String why = reason == null || reason.isBlank() ? "stopped by the operator"
                : "stopped by the operator: " + reason.strip();
        CompletableFuture<SessionOverview> stopped = new CompletableFuture<>();
        lane.work.execute(() -> onLane.stop(lane, id, why, stopped));
        return stopped.orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}
