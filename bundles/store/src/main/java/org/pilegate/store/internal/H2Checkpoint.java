package org.pilegate.store.internal;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.h2.mvstore.FileStore;

/**
 * One flush of the embedded database: {@code CHECKPOINT} writes every commit held in memory to the file. It runs on a
 * connection of its own, as every connection of the pool may be held by a writer waiting for this very flush.
 * <p>
 * H2's checkpoint returns without writing when its background writer began a store while the checkpoint waited for
 * the store's lock, and that store writes on H2's own threads after it lets go of the lock: the commit is then not yet
 * in the file. So the flush also waits for every write H2 has under way.
 */
final class H2Checkpoint implements GroupFlush.Flush, AutoCloseable {

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
                file.executeFileStoreOperation(() -> { });
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
