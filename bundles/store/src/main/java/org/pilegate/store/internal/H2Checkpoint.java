package org.pilegate.store.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.RandomAccessStore;

/**
 * One flush of the embedded database: {@code CHECKPOINT} writes every commit held in memory to the file. It runs on a
 * connection of its own, as every connection of the pool may be held by a writer waiting for this very flush.
 * <p>
 * H2's checkpoint returns without writing when its background writer began a store while the checkpoint waited for
 * the store's lock, and that store writes on H2's own threads after it lets go of the lock: the commit is then not yet
 * in the file. So the flush also waits for every write H2 has under way.
 * <p>
 * Then it makes sure the file's header names the chunk written last. H2 looks for a killed store's last chunk from the
 * chunk its header names, along the positions each chunk predicted for the next, or at the end of the file. A chunk
 * written into space H2 reuses is in neither place, and the header H2 writes then names the chunk before it
 * ({@code RandomAccessStore.writeChunk} runs before the new chunk counts as the last): a gateway killed at that moment
 * opened without the commits of its last chunks. The header is written again here, from the writes' own thread.
 */
final class H2Checkpoint implements GroupFlush.Flush, AutoCloseable {

    /** The file header's key for the version of the chunk it names. */
    private static final String HEADER_VERSION = "version";

    private final KeptConnection connection;

    H2Checkpoint(DataSource database) {
        this.connection = new KeptConnection(database);
    }

    @Override
    public synchronized void run() throws SQLException {
        try (Statement checkpoint = connection.get().createStatement()) {
            checkpoint.execute("CHECKPOINT");
            FileStore<?> file = connection.mvStore().getFileStore();
            if (file != null) {
                file.executeFileStoreOperation(() -> nameLastChunk(file));
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Runs while no chunk is written: H2's writes wait for the operation, and the header is theirs to write. */
    private static void nameLastChunk(FileStore<?> file) {
        if (file instanceof RandomAccessStore store
                && DataUtils.readHexLong(file.getStoreHeader(), HEADER_VERSION, 0) != file.lastChunkVersion()) {
            HeaderWrite.write(store);
        }
    }

    /** H2's own header write, which it does not offer: reached by reflection, checked by the store's tests. */
    private static final class HeaderWrite {

        private static final Method WRITE = method();

        static void write(RandomAccessStore store) {
            try {
                WRITE.invoke(store);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("H2's file header cannot be written: " + e, e);
            }
        }

        private static Method method() {
            try {
                Method write = RandomAccessStore.class.getDeclaredMethod("writeStoreHeader");
                write.setAccessible(true);
                return write;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("This H2 has no RandomAccessStore.writeStoreHeader(): " + e, e);
            }
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
