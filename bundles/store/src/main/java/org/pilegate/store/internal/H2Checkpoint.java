package org.pilegate.store.internal;

import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * One flush of the embedded database: {@code CHECKPOINT} writes every commit held in memory to the file. It runs on a
 * connection of its own, as every connection of the pool may be held by a writer waiting for this very flush.
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
