package org.pilegate.store.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One connection of the embedded database kept open for the store's own work, beside the pool: every connection of
 * the pool may be held by a writer waiting for that very work. Opened when first needed and again after a failure.
 */
final class KeptConnection implements AutoCloseable {

    private final DataSource database;
    private Connection connection; // guarded by this

    KeptConnection(DataSource database) {
        this.database = database;
    }

    synchronized Connection get() throws SQLException {
        if (connection == null) {
            connection = database.getConnection();
        }
        return connection;
    }

    /** Closes it: a failed one is replaced by the next {@link #get()}. */
    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the database is going away or gone: nothing left to do on this connection
            }
            connection = null;
        }
    }
}
