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

    /** @return completes once the point is committed, exceptionally when it could not be */
    CompletionStage<Void> add(SessionId session, StatusPoint point) {
        synchronized (this) {
            if (entries != null) {
                entries.add(new Entry(session, point));
                return committed;
            }
        }
        try {
            sessions.append(session, point);
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
