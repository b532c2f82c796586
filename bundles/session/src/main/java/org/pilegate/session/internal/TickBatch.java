package org.pilegate.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.session.SessionId;

/**
 * The status points of one tick, committed together: one transaction for every charging session instead of one each.
 * A point that comes after the batch was written (its pile's lane was busy) is committed on its own.
 */
final class TickBatch {

    /** One session's point in the batch. */
    record Entry(SessionId session, StatusPoint point) {
    }

    private final JdbcSessions sessions;
    private final CompletableFuture<Void> committed = new CompletableFuture<>();
    private List<Entry> entries = new ArrayList<>(); // guarded by this; null once written

    TickBatch(JdbcSessions sessions) {
        this.sessions = sessions;
    }

    /** @return completes once the points are committed, exceptionally when they could not be */
    CompletionStage<Void> add(SessionId session, List<StatusPoint> points) {
        List<Entry> added = points.stream().map(point -> new Entry(session, point)).toList();
        synchronized (this) {
            if (entries != null) {
                entries.addAll(added);
                return committed;
            }
        }
        try {
            sessions.appendAll(added);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Commits the points added so far in one transaction; later ones are committed as they come. */
    void write() {
        List<Entry> batch;
        synchronized (this) {
            batch = entries;
            entries = null;
        }
        try {
            sessions.appendAll(batch);
            committed.complete(null);
        } catch (RuntimeException e) {
            committed.completeExceptionally(e);
        }
    }
}
