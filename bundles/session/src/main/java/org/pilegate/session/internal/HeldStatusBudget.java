package org.pilegate.session.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory all sessions together may take for the status points they hold while the database is out of reach
 * ({@link SessionConfig#heldStatusBudgetMiB}), split evenly among the open sessions. A session past its share thins
 * what it holds: its first and its latest point stay, so does every change between charging and suspended while the
 * share allows, and of the rest every n-th point of the outage, n the smallest power of two the share allows. The held
 * timeline thus covers the whole outage evenly, coarser the longer it lasts; the energy register in the latest point
 * still counts all energy delivered, and only the shape of the timeline between the points kept is lost.
 */
final class HeldStatusBudget {

    /**
     * What one held point costs on the heap: the record (48 B) and its Instant (24 B), its slots in the held list and
     * in the copy a tick makes, and the entry of the tick's batch (about 28 B).
     */
    static final long POINT_BYTES = 100;
    /** A session's first and latest point are always held. */
    static final int MIN_SHARE = 2;
    private static final Duration LOG_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(HeldStatusBudget.class);

    private volatile long budgetBytes;
    private final AtomicLong thinned = new AtomicLong();
    private final AtomicLong thinnedSinceLog = new AtomicLong();
    private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());

    HeldStatusBudget(int budgetMiB) {
        resize(budgetMiB);
    }

    void resize(int budgetMiB) {
        budgetBytes = budgetMiB * 1024L * 1024L;
    }

    /** How many points each of {@code openSessions} may hold now. */
    int share(int openSessions) {
        long points = budgetBytes / POINT_BYTES / Math.max(1, openSessions);
        return (int) Math.max(MIN_SHARE, Math.min(Integer.MAX_VALUE, points));
    }

    /** Points thinned out since the gateway started. */
    long thinned() {
        return thinned.get();
    }

    /**
     * The points of {@code due} (oldest first) a session holds within {@code share}; thinning is counted, and logged
     * at most once a minute for the whole gateway.
     */
    List<StatusPoint> within(List<StatusPoint> due, int share) {
        List<StatusPoint> kept = thin(due, share);
        int dropped = due.size() - kept.size();
        if (dropped > 0) {
            thinned.addAndGet(dropped);
            thinnedSinceLog.addAndGet(dropped);
            logThinning(share);
        }
        return kept;
    }

    /** {@code points} thinned as the class says until at most {@code share} (never fewer than two) stay. */
    static List<StatusPoint> thin(List<StatusPoint> points, int share) {
        int limit = Math.max(MIN_SHARE, share);
        if (points.size() <= limit) {
            return points;
        }
        long span = points.get(points.size() - 1).seq() - points.get(0).seq();
        // the share may not even hold every change of state: then the changes go too
        for (boolean keepChanges : new boolean[] {true, false}) {
            for (long stride = 2; stride <= span; stride *= 2) {
                List<StatusPoint> kept = everyNth(points, stride, keepChanges);
                if (kept.size() <= limit) {
                    return kept;
                }
            }
        }
        return List.of(points.get(0), points.get(points.size() - 1));
    }

    /** The first, the latest, each {@code stride}-th after the first by number, and the changes if to keep them. */
    private static List<StatusPoint> everyNth(List<StatusPoint> points, long stride, boolean keepChanges) {
        long first = points.get(0).seq();
        int last = points.size() - 1;
        List<StatusPoint> kept = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            StatusPoint point = points.get(i);
            boolean change = keepChanges && i > 0 && point.state() != points.get(i - 1).state();
            if ((point.seq() - first) % stride == 0 || i == last || change) {
                kept.add(point);
            }
        }
        return kept;
    }

    private void logThinning(int share) {
        long now = System.nanoTime();
        long last = lastLogNanos.get();
        if (now - last >= LOG_EVERY.toNanos() && lastLogNanos.compareAndSet(last, now)) {
            LOG.warn("The status points sessions hold while the database is out of reach reached their budget of {}"
                    + " MiB: {} points thinned since the last report; each session holds at most {} now, evenly over"
                    + " the outage, its first and latest ones kept (no energy is lost, only detail of its timeline)",
                    budgetBytes / (1024 * 1024), thinnedSinceLog.getAndSet(0), share);
        }
    }
}
