package org.pilegate.store.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.store.internal.ChurnedFile.count;
import static org.pilegate.store.internal.ChurnedFile.fill;
import static org.pilegate.store.internal.ChurnedFile.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class H2CompactionTest {

    private static final int ROWS = ChurnedFile.ROWS;
    private static final int ROUNDS = ChurnedFile.ROUNDS;
    /** Slices once the commits have stopped, each moving chunks for up to 100 ms. */
    private static final int IDLE_SLICES = 10;

    @TempDir
    Path folder;

    /**
     * The same busy store twice: every row rewritten round after round, each round flushed as the gateway's commits
     * are. H2 alone keeps every old version's space (it compacts only when idle); with a slice of compaction between
     * rounds and a few once the commits stop, the file ends a fraction of that size.
     */
    @Test
    void aBusyStoreCompactedInSlicesStaysSmall() throws Exception {
        long alone = busyFileSize("alone", null);
        long compacted = busyFileSize("compacted", 0L);

        assertTrue(compacted * 2 < alone, "compacted " + compacted + " bytes, alone " + alone + " bytes");
    }

    /**
     * While commits keep coming a slice only rewrites pages, which a commit waits a few milliseconds for; moving the
     * chunks, which gives the file's space back and holds every commit while it moves 16 MiB, waits for a slice with
     * no commit since the one before.
     */
    @Test
    void theFileShrinksOnlyOnceTheCommitsStop() throws Exception {
        JdbcDataSource database = embedded("moves");
        try (H2Compaction compaction = new H2Compaction(database, 0); Connection connection = database.getConnection()) {
            fill(connection);
            churn(connection, compaction, false);
            FileStore<?> file = store(connection).getFileStore();
            long before = file.size();

            compaction.run(1);
            try (Statement checkpoint = connection.createStatement()) {
                checkpoint.execute("CHECKPOINT");
            }
            long afterBusySlice = file.size();
            compaction.run(1);
            long afterIdleSlice = file.size();

            assertTrue(afterBusySlice >= before, "a busy slice moved chunks: " + before + " -> " + afterBusySlice);
            assertTrue(afterIdleSlice < afterBusySlice, "an idle slice gave nothing back: " + afterBusySlice + " -> "
                    + afterIdleSlice);
            assertEquals(2, compaction.slices());
            assertEquals(ROWS, count(connection));
        }
    }

    /** A small file is left to H2: a depot of a few piles never has a commit wait for a slice. */
    @Test
    void aSmallFileIsLeftToH2() throws Exception {
        long alone = busyFileSize("alone", null);
        long belowThreshold = busyFileSize("small", alone * 2);

        assertTrue(belowThreshold * 2 > alone, "left to H2 " + belowThreshold + " bytes, alone " + alone + " bytes");
    }

    /** A file mostly alive is not worth a slice, whatever its size: its commits never wait for one. */
    @Test
    void aFileMostlyAliveIsLeftAlone() throws Exception {
        JdbcDataSource database = embedded("alive");
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                H2Compaction compaction = new H2Compaction(database, 0)) {
            fill(connection);
            statement.execute("CHECKPOINT");
            FileStore<?> file = store(connection).getFileStore();
            assertTrue(H2Compaction.liveShare(file) >= H2Compaction.LEFT_ALONE_LIVE_PERCENT,
                    "live share " + H2Compaction.liveShare(file) + " %");

            compaction.run(0);

            assertEquals(0, compaction.slices());
        }
    }

    @Test
    void aDatabaseGoneIsNoFailureOfTheCaller() throws Exception {
        JdbcDataSource database = embedded("gone");
        try (H2Compaction compaction = new H2Compaction(database, 0)) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                fill(connection);
                compaction.run(0);
                statement.execute("SHUTDOWN");
            }
            assertDoesNotThrow(() -> compaction.run(1));
            try (Connection connection = database.getConnection()) {
                assertEquals(ROWS, count(connection), "the database opens again, its rows all there");
            }
            assertDoesNotThrow(() -> compaction.run(2));
        }
    }

    /** @param leftToH2Bytes the compaction's threshold; null: no compaction */
    private long busyFileSize(String name, Long leftToH2Bytes) throws Exception {
        JdbcDataSource database = embedded(name);
        boolean compacting = leftToH2Bytes != null;
        try (Connection connection = database.getConnection();
                H2Compaction compaction = new H2Compaction(database, compacting ? leftToH2Bytes : 0)) {
            fill(connection);
            churn(connection, compaction, compacting);
            if (compacting) {
                for (int idle = 0; idle < IDLE_SLICES; idle++) {
                    compaction.run(ROUNDS);
                }
            }
            assertEquals(ROWS, count(connection));
            assertEquals(compacting && leftToH2Bytes == 0, compaction.slices() > 0, "slices run: " + compaction.slices());
            // H2's moves set it to zero: a disk writing out of order could lose the chunks written last
            assertEquals(45_000, retention(connection), "H2's retention time for a file store");
            return Files.size(folder.resolve(name + ".mv.db"));
        }
    }

    private static int retention(Connection connection) throws SQLException {
        return store(connection).getRetentionTime();
    }

    private static void churn(Connection connection, H2Compaction compaction, boolean compacting) throws Exception {
        ChurnedFile.churn(connection, ROUNDS, round -> {
            if (compacting) {
                compaction.run(round);
            }
        });
    }

    private JdbcDataSource embedded(String name) {
        return ChurnedFile.embedded(folder, name);
    }
}
