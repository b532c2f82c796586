package org.pilegate.store.internal;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the embedded database's file on the disk at every run, and lets H2 write over the space of dead chunks as soon
 * as what replaced them is on the disk.
 * <p>
 * H2 never asks the disk to write its file (a commit reaches the operating system, which survives the gateway killed,
 * not a power cut) and, so that a disk writing out of order leaves a file that opens, it writes over a dead chunk only
 * 45 s after that chunk was written. A gateway that writes 20 MiB a second keeps about 1 GiB of dead chunks it may not
 * reuse, whatever its compaction does (itests/SOAK.md). Here, each run pins the store's current version
 * ({@link MVStore#registerVersionUsage}: H2 overwrites no chunk that version's pages replaced), waits for H2's writes
 * under way, and syncs the file; the pin of the run before is then let go, so what H2 may overwrite is exactly what
 * versions on the disk made dead. H2's retention time is then set to zero. A power cut loses at most the commits of
 * the last run's interval and leaves a file that opens at its last synced version.
 */
final class H2DiskSync implements AutoCloseable {

    /** A sync this slow widens what a power cut may lose past the interval promised: worth an operator's look. */
    static final Duration SLOW = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(H2DiskSync.class);

    private final KeptConnection connection;
    private MVStore store; // guarded by this: the store the frontier belongs to
    private MVStore.TxCounter frontier; // guarded by this: every chunk it made dead is on the disk
    private boolean failing; // guarded by this
    private long syncs; // guarded by this

    /** @param database the embedded database itself, not the pool */
    H2DiskSync(DataSource database) {
        this.connection = new KeptConnection(database);
    }

    /**
     * Syncs the file and moves the frontier of reusable space to what is now on the disk. A failure (the database
     * gone, a disk error) is logged when it starts, not at every run; the frontier stays where it was.
     */
    synchronized void run() {
        try {
            MVStore current = connection.mvStore();
            FileStore<?> file = current.getFileStore();
            if (file == null) {
                return;
            }
            if (current != store) {
                store = current;
                frontier = null;
            }
            MVStore.TxCounter pin = current.registerVersionUsage();
            boolean written;
            try {
                file.executeFileStoreOperation(() -> { });
                // chunks are written in version order: once the pinned version's is, every one before it is too
                written = file.lastChunkVersion() >= pin.version;
                long start = System.nanoTime();
                file.sync();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                if (took.compareTo(SLOW) > 0) {
                    LOG.warn("The embedded store's disk took {} ms to sync its file", took.toMillis());
                }
            } catch (RuntimeException e) {
                current.deregisterVersionUsage(pin);
                throw e;
            }
            syncs++;
            if (written) {
                moveFrontier(current, pin);
            } else {
                current.deregisterVersionUsage(pin);
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("The embedded store's file cannot be synced now; trying again: {}", e.toString());
            }
            failing = true;
        }
    }

    /**
     * Sets the retention time at every move, not once: a slice of compaction that moves chunks restores the time it
     * found, which may be H2's own if it began before the first sync.
     */
    private void moveFrontier(MVStore current, MVStore.TxCounter pin) {
        MVStore.TxCounter previous = frontier;
        frontier = pin;
        current.setRetentionTime(0);
        if (previous != null) {
            current.deregisterVersionUsage(previous);
        }
    }

    /** Syncs run so far. */
    synchronized long syncs() {
        return syncs;
    }

    /** Lets go of the frontier's pin, then of the connection. */
    @Override
    public synchronized void close() {
        if (frontier != null && !store.isClosed()) {
            store.deregisterVersionUsage(frontier);
        }
        frontier = null;
        connection.close();
    }
}
