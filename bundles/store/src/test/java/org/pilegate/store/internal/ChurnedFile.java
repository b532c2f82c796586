package org.pilegate.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;

/**
 * An embedded database in a file whose rows are rewritten round after round and flushed every few rows, as a busy
 * gateway's are: for the tests of what the store does about the space its file leaves behind.
 */
final class ChurnedFile {

    static final int ROWS = 2_000;
    static final int ROUNDS = 150;

    /** What runs after each round, given the round's number. */
    interface AfterRound {
        void run(int round) throws Exception;
    }

    private ChurnedFile() {
    }

    static JdbcDataSource embedded(Path folder, String name) {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:file:" + folder.resolve(name).toAbsolutePath());
        database.setUser("sa");
        database.setPassword("secret");
        return database;
    }

    static void fill(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(100))");
            statement.execute("INSERT INTO t SELECT x, 'row ' || x FROM SYSTEM_RANGE(0, " + (ROWS - 1) + ")");
        }
    }

    /** Every row rewritten round after round, flushed every few rows. */
    static void churn(Connection connection, int rounds, AfterRound afterRound) throws Exception {
        try (PreparedStatement update = connection.prepareStatement("UPDATE t SET v = ? WHERE id = ?");
                Statement checkpoint = connection.createStatement()) {
            for (int round = 1; round <= rounds; round++) {
                for (int id = round % 10; id < ROWS; id += 10) {
                    update.setString(1, "round " + round + " of row " + id);
                    update.setInt(2, id);
                    update.executeUpdate();
                    if (id % 50 == 0) {
                        checkpoint.execute("CHECKPOINT");
                    }
                }
                afterRound.run(round);
            }
        }
    }

    static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static MVStore store(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }
}
