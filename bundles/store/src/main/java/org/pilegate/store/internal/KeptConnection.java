package org.pilegate.store.internal;

import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

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

    /**
     * The embedded database's store behind the connection, reached through its session by reflection: the H2 bundle
     * does not export the packages that hold it.
     */
    MVStore mvStore() throws SQLException {
        try {
            Object session = get().unwrap(JdbcConnection.class).getSession();
            return (MVStore) call(call(call(session, "getDatabase"), "getStore"), "getMvStore");
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new SQLException("The embedded store cannot be reached: " + e, e);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        try {
            return target.getClass().getMethod(method).invoke(target);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
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
