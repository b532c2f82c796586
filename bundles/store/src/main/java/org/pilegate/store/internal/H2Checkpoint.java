package org.pilegate.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * One flush of the embedded database: {@code CHECKPOINT} writes every commit held in memory to the file. It runs on a
 * connection of its own, as every connection of the pool may be held by a writer waiting for this very flush.
 */
final class H2Checkpoint implements GroupFlush.Flush, AutoCloseable {

    private final DataSource database;
    private Connection connection; // guarded by this

    H2Checkpoint(DataSource database) {
        this.database = database;
    }

    @Override
    public synchronized void run() throws SQLException {
        if (connection == null) {
            connection = database.getConnection();
        }
        try (Statement checkpoint = connection.createStatement()) {
            checkpoint.execute("CHECKPOINT");
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the database is going away or gone: nothing left to flush on this connection
            }
            connection = null;
        }
    }
}
