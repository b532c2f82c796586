package org.pilegate.store.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.store.internal.ChurnedFile.ROUNDS;
import static org.pilegate.store.internal.ChurnedFile.ROWS;
import static org.pilegate.store.internal.ChurnedFile.count;
import static org.pilegate.store.internal.ChurnedFile.fill;
import static org.pilegate.store.internal.ChurnedFile.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class H2DiskSyncTest {

    /** H2's own retention time for a file store, in milliseconds. */
    private static final int H2_RETENTION_MS = 45_000;

    @TempDir
    Path folder;

    /**
     * The same busy store twice. H2 alone writes over no dead chunk younger than 45 s, so within this test it reuses
     * nothing; synced after every round, it writes over the space each sync made safe, and the file ends a fraction of
     * that size.
     */
    @Test
    void aStoreSyncedAsItGoesReusesTheSpaceItLeaves() throws Exception {
        long alone = churnedFileSize("alone", 0);
        long synced = churnedFileSize("synced", 1);

        assertTrue(synced * 4 < alone, "synced " + synced + " bytes, alone " + alone + " bytes");
    }

    /**
     * Space left dead after the last sync is not written over, however short H2's retention time: the versions that
     * made it dead may not be on the disk yet. A store synced once and then churned grows as H2 alone does.
     */
    @Test
    void spaceLeftSinceTheLastSyncIsKept() throws Exception {
        long alone = churnedFileSize("alone", 0);
        long syncedOnce = churnedFileSize("once", ROUNDS + 1);

        assertTrue(syncedOnce * 3 > alone * 2, "synced once " + syncedOnce + " bytes, alone " + alone + " bytes");
    }

    @Test
    void h2KeepsItsRetentionTimeUntilTheFirstSync() throws Exception {
        JdbcDataSource database = ChurnedFile.embedded(folder, "first");
        try (Connection connection = database.getConnection(); H2DiskSync sync = new H2DiskSync(database)) {
            fill(connection);
            assertEquals(H2_RETENTION_MS, store(connection).getRetentionTime());

            sync.run();

            assertEquals(0, store(connection).getRetentionTime());
            assertEquals(1, sync.syncs());
        }
    }

    @Test
    void aDatabaseGoneIsNoFailureOfTheCaller() throws Exception {
        JdbcDataSource database = ChurnedFile.embedded(folder, "gone");
        try (H2DiskSync sync = new H2DiskSync(database)) {
            try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
                fill(connection);
                sync.run();
                // as a killed process leaves it: nothing more written, not even H2's closing
                statement.execute("SHUTDOWN IMMEDIATELY");
            }
            assertDoesNotThrow(sync::run);
            assertEquals(1, sync.syncs());
            try (Connection connection = database.getConnection()) {
                sync.run();
                assertEquals(2, sync.syncs(), "synced again once the database is back");
                assertEquals(0, store(connection).getRetentionTime());
                assertEquals(ROWS, count(connection));
            }
        }
    }

    /** @param syncEvery a sync after every round whose number it divides, and one before the churn; 0: never */
    private long churnedFileSize(String name, int syncEvery) throws Exception {
        JdbcDataSource database = ChurnedFile.embedded(folder, name);
        try (Connection connection = database.getConnection(); H2DiskSync sync = new H2DiskSync(database)) {
            fill(connection);
            if (syncEvery > 0) {
                sync.run();
            }
            ChurnedFile.churn(connection, ROUNDS, round -> {
                if (syncEvery > 0 && round % syncEvery == 0) {
                    sync.run();
                }
            });
            assertEquals(ROWS, count(connection));
            return Files.size(folder.resolve(name + ".mv.db"));
        }
    }
}
