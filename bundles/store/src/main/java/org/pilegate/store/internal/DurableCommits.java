package org.pilegate.store.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.pilegate.api.store.EmbeddedStore;

/**
 * The embedded database's connections, made to return from a commit only once it is on disk, with commits made at the
 * same time written together ({@link GroupFlush}). H2 either writes every commit on its own before returning
 * ({@code WRITE_DELAY=0}: a file write per commit, the gateway's largest cost at depot scale) or holds commits in
 * memory for a while, which a killed gateway would lose. Opened with a write delay, its commits are flushed here:
 * after {@code commit()}, after {@code setAutoCommit(true)} ends a transaction, and after a statement that may write
 * in auto-commit mode ({@code executeQuery} never waits).
 */
final class DurableCommits implements DataSource, AutoCloseable {

    private static final Set<String> WRITING = Set.of("execute", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final DataSource database;
    private final H2Checkpoint checkpoint;
    private final GroupFlush flush;
    private final H2Compaction compaction;
    private final H2DiskSync diskSync;

    /** @param database the embedded database, opened with a write delay */
    DurableCommits(DataSource database) {
        this.database = database;
        this.checkpoint = new H2Checkpoint(database);
        this.flush = new GroupFlush(checkpoint);
        this.compaction = new H2Compaction(database);
        this.diskSync = new H2DiskSync(database);
    }

    /** Closes the flush's, the compaction's and the sync's own connections; the pool's are closed by the pool. */
    @Override
    public void close() {
        checkpoint.close();
        compaction.close();
        diskSync.close();
    }

    /** Puts the file on the disk and lets H2 reuse what that made dead ({@link H2DiskSync}); run a few times a second. */
    void sync() {
        diskSync.run();
    }

    /** One slice of compaction of the file ({@link H2Compaction}); the store calls it every second or so. */
    void compact() {
        compaction.run(flush.flushes());
    }

    /** Flushes so far: fewer than commits when commits come together. */
    long flushes() {
        return flush.flushes();
    }

    /** Its commits and flushes so far, and its file as the last slice of compaction found it. */
    EmbeddedStore.Activity activity() {
        return new EmbeddedStore.Activity(flush.commits(), flush.flushes(), compaction.fileBytes(),
                compaction.livePercent());
    }

    @Override
    public Connection getConnection() throws SQLException {
        return durable(database.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return durable(database.getConnection(user, password));
    }

    private Connection durable(Connection connection) {
        return (Connection) Proxy.newProxyInstance(DurableCommits.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(connection));
    }

    private final class ConnectionHandler implements InvocationHandler {

        private final Connection connection;
        /** A statement that may write ran in the open transaction: its commit waits for the disk. */
        private volatile boolean wrote;

        ConnectionHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            boolean endsTransaction = name.equals("commit")
                    || name.equals("setAutoCommit") && (Boolean) args[0] && !connection.getAutoCommit();
            Object result = call(connection, method, args);
            if (endsTransaction || name.equals("rollback") && args == null) {
                boolean durable = endsTransaction && wrote;
                wrote = false;
                if (durable) {
                    flush.awaitDurable();
                }
            } else if (result instanceof Statement statement) {
                return statement(statement);
            }
            return result;
        }

        private Statement statement(Statement statement) {
            Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                    : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
            return (Statement) Proxy.newProxyInstance(DurableCommits.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        if (!WRITING.contains(method.getName())) {
                            return call(statement, method, args);
                        }
                        // marked before it runs: a batch that fails half-way may still be committed by the caller
                        boolean autoCommit = connection.getAutoCommit();
                        wrote |= !autoCommit;
                        Object result = call(statement, method, args);
                        if (autoCommit) {
                            flush.awaitDurable();
                        }
                        return result;
                    });
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return database.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return database.isWrapperFor(type);
    }
}
