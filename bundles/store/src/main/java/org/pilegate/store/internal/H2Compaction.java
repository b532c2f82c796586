package org.pilegate.store.internal;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A slice of compaction of the embedded database's file, for a store that is never idle. H2 writes every change to new
 * space in its file and compacts the space left behind only while no one writes; a gateway committing sessions all
 * day never lets it, and its file grew from 0.5 to 4.4 GB in an hour of 2,000 busy piles with 0.3 GB alive.
 * <p>
 * While commits keep coming, a slice rewrites the live pages of the emptiest chunks, at most
 * {@link #BUSY_REWRITE_BYTES} of them, so that H2 can reuse the space they leave once it is synced
 * ({@link H2DiskSync}); commits rarely wait for a slice. Moving chunks to give the space back to the disk holds every
 * commit for as long as it takes to move 16 MiB, which was 200-500 ms at 2,000 piles: that is left for a slice of a
 * store with no commit since the last one, which then restores the retention time H2's moves set to zero. Moving
 * chunks while commits keep coming, whether in every slice or spaced for their cost, did not change how the file grew
 * (itests/SOAK.md, 2026-12-05): what bounds it is how soon H2 may write over dead chunks.
 *
 * <p>H2 offers its store's compaction only on the store itself ({@link MVStore#compact}, {@link MVStore#compactFile}),
 * reached from a connection through its session and database, whose packages the H2 bundle does not export
 * ({@link KeptConnection#mvStore}).
 */
final class H2Compaction implements AutoCloseable {

    /** How long one slice of an idle store may move chunks. */
    static final Duration SLICE = Duration.ofMillis(100);
    /** What one slice of a busy store rewrites at most: commits wait for it meanwhile. */
    static final int BUSY_REWRITE_BYTES = 1 << 20;
    /** A busy store's chunks are rewritten while they are less full than this (percent), H2's own auto-compact rate. */
    static final int BUSY_CHUNK_FILL_PERCENT = 90;
    /**
     * A file smaller than this is left to H2: a depot of a few piles never has its writes wait for a slice.
     */
    static final long LEFT_TO_H2_BYTES = 64L << 20;
    /**
     * A file with at least this share of live data (percent) is left alone: a file at most twice its data is not
     * worth the writes of a slice.
     */
    static final int LEFT_ALONE_LIVE_PERCENT = 50;

    private static final Logger LOG = LoggerFactory.getLogger(H2Compaction.class);

    private final KeptConnection connection;
    private final long leftToH2Bytes;
    private boolean failing; // guarded by this
    private long slices; // guarded by this
    private long flushesSeen = -1; // guarded by this: the store's flushes at the last slice
    private volatile long fileBytes; // as the last slice found it
    private volatile int livePercent; // as the last slice found it

    /** @param database the embedded database itself, not the pool */
    H2Compaction(DataSource database) {
        this(database, LEFT_TO_H2_BYTES);
    }

    H2Compaction(DataSource database, long leftToH2Bytes) {
        this.connection = new KeptConnection(database);
        this.leftToH2Bytes = leftToH2Bytes;
    }

    /**
     * Compacts a slice when the file is large and mostly space left behind; else returns at once. A failure (the
     * database gone, its disk full) is logged when it starts, not at every slice, and the next slice tries again.
     *
     * @param flushes the store's flushes so far: a store that flushed since the last slice is busy
     */
    synchronized void run(long flushes) {
        boolean busy = flushes != flushesSeen;
        flushesSeen = flushes;
        try {
            MVStore store = connection.mvStore();
            FileStore<?> file = store.getFileStore();
            if (file == null) {
                return;
            }
            int live = liveShare(file);
            fileBytes = file.size();
            livePercent = live;
            if (fileBytes >= leftToH2Bytes && live < LEFT_ALONE_LIVE_PERCENT) {
                slices++;
                if (busy) {
                    store.compact(BUSY_CHUNK_FILL_PERCENT, BUSY_REWRITE_BYTES);
                } else {
                    moveChunks(store);
                }
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warn("The embedded store's file cannot be compacted now; trying again: {}", e.toString());
            }
            failing = true;
        }
    }

    private static void moveChunks(MVStore store) {
        int retention = store.getRetentionTime();
        try {
            store.compactFile((int) SLICE.toMillis());
        } finally {
            store.setRetentionTime(retention);
        }
    }

    /** The file's live data in percent of its size: the share of it in chunks, times the chunks' share alive. */
    static int liveShare(FileStore<?> file) {
        return file.getFillRate() * file.getChunksFillRate() / 100;
    }

    /** The file's size as the last slice found it; 0 before the first. */
    long fileBytes() {
        return fileBytes;
    }

    /** The file's live data in percent of its size as the last slice found it; 0 before the first. */
    int livePercent() {
        return livePercent;
    }

    /** Slices run so far. */
    synchronized long slices() {
        return slices;
    }

    @Override
    public void close() {
        connection.close();
    }
}
