package org.pilegate.store.internal;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group commit: writers whose transactions committed in memory wait here until one flush has written them all to the
 * file. The first writer to arrive while no flush runs leads: it notes how many writers have arrived (each committed
 * before arriving, so the flush it starts now carries them all), flushes, and releases them; writers that arrive
 * during a flush wait for the next one, led by one of them. N concurrent commits cost one write instead of N.
 */
final class GroupFlush {

    /** Writes every commit made so far to the file. */
    interface Flush {
        void run() throws SQLException;
    }

    private final Flush flush;
    private final Object lock = new Object();
    private final AtomicLong flushes = new AtomicLong();
    private long arrived; // guarded by lock: writers that arrived, numbered from 1
    private long durable; // guarded by lock: every writer up to this number is on disk
    private boolean flushing; // guarded by lock

    GroupFlush(Flush flush) {
        this.flush = flush;
    }

    /**
     * Returns once every commit the calling thread made before calling is on disk. An interrupt does not cut the wait
     * short (the commit is made; the caller must not take it for failed), it is kept for the caller.
     *
     * @throws SQLException if the flush this caller led failed
     */
    void awaitDurable() throws SQLException {
        long covered;
        boolean interrupted = false;
        synchronized (lock) {
            long ticket = ++arrived;
            while (flushing && durable < ticket) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (durable >= ticket) {
                return;
            }
            flushing = true;
            covered = arrived;
        }
        boolean done = false;
        try {
            flush.run();
            flushes.incrementAndGet();
            done = true;
        } finally {
            synchronized (lock) {
                flushing = false;
                if (done) {
                    durable = Math.max(durable, covered);
                }
                // on failure the writers waiting go on to lead a flush of their own
                lock.notifyAll();
            }
        }
    }

    /** Flushes so far. */
    long flushes() {
        return flushes.get();
    }

    /** Writers that waited so far, each for a commit of its own. */
    long commits() {
        synchronized (lock) {
            return arrived;
        }
    }
}
