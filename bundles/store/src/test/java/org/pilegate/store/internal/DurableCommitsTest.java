package org.pilegate.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

public class DurableCommitsTest {

    @TempDir
    Path folder;

    /** A process killed right after its commit returned: the row is in the file when the database opens again. */
    @Test
    void aCommitThatReturnedSurvivesTheProcessKilledAtOnce() throws Exception {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledAfterCommit.class.getName(), url())
                .redirectErrorStream(true).start();
        String output = new String(writer.getInputStream().readAllBytes());
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(KilledAfterCommit.HALTED, writer.exitValue(), output);
        assertTrue(output.contains("committed 50"), output);
        try (Connection connection = embedded().getConnection()) {
            assertEquals(50, count(connection));
        }
    }

    @Test
    void commitsMadeTogetherAreWrittenTogether() throws Exception {
        DurableCommits database = new DurableCommits(embedded());
        HikariConfig config = new HikariConfig();
        config.setDataSource(database);
        config.setMaximumPoolSize(8);
        int writers = 8;
        int each = 25;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            createTable(pool);
            long before = database.flushes();
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            insertCommitted(pool.getConnection(), writer * 1000 + i);
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            long flushes = database.flushes() - before;
            try (Connection connection = pool.getConnection()) {
                assertEquals(writers * each, count(connection));
            }
            assertTrue(flushes > 0 && flushes < writers * each, flushes + " flushes for " + writers * each
                    + " commits");
        } finally {
            database.close();
        }
    }

    @Test
    void onlyWhatMayWriteWaitsForTheDisk() throws Exception {
        DurableCommits database = new DurableCommits(embedded());
        createTable(database);
        try (Connection connection = database.getConnection()) {
            long flushes = database.flushes();
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO t VALUES (1)");
            }
            assertEquals(flushes + 1, database.flushes(), "an auto-commit write");
            count(connection);
            assertEquals(flushes + 1, database.flushes(), "an auto-commit query");
            connection.setAutoCommit(false);
            count(connection);
            connection.commit();
            assertEquals(flushes + 1, database.flushes(), "a transaction that only read");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                insert.setInt(1, 2);
                insert.executeUpdate();
            }
            connection.rollback();
            connection.setAutoCommit(true);
            assertEquals(flushes + 1, database.flushes(), "a transaction rolled back");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                insert.setInt(1, 3);
                insert.executeUpdate();
            }
            connection.setAutoCommit(true);
            assertEquals(flushes + 2, database.flushes(), "a transaction ended by auto-commit");
            assertEquals(2, count(connection));
        } finally {
            database.close();
        }
    }

    /**
     * Commits rows one transaction each through {@link DurableCommits}, syncing the file after each, then halts without
     * closing anything.
     */
    public static final class KilledAfterCommit {

        static final int HALTED = 42;

        public static void main(String[] args) throws Exception {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(args[0]);
            h2.setUser("sa");
            DurableCommits database = new DurableCommits(h2);
            createTable(database);
            Connection connection = database.getConnection();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                for (int i = 0; i < 50; i++) {
                    insert.setInt(1, i);
                    insert.executeUpdate();
                    connection.commit();
                    // H2 then writes over the chunks each commit made dead, as the store lets it once they are synced
                    database.sync();
                }
            }
            System.out.println("committed 50");
            System.out.flush();
            // no shutdown hook, no close: as kill -9 leaves it
            Runtime.getRuntime().halt(HALTED);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + folder.resolve("db").toAbsolutePath();
    }

    private JdbcDataSource embedded() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url());
        h2.setUser("sa");
        return h2;
    }

    private static void createTable(DataSource database) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
        }
    }

    private static void insertCommitted(Connection connection, int id) throws SQLException {
        try (connection) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?)")) {
                insert.setInt(1, id);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
