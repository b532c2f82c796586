package org.pilegate.session.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.io.TempDir;
import org.pilegate.store.internal.FullDisk;
import org.pilegate.store.internal.StoreDatabases;

/** On a file, as the gateway keeps it, on a disk that {@link #outage} fills. */
class ChargingSessionsOnH2Test extends ChargingSessionsTest {

    @TempDir
    Path disk;

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2OnFullDisk(disk);
    }

    @Override
    void outage(boolean out) {
        if (out) {
            FullDisk.fill();
        } else {
            FullDisk.free();
        }
    }
}
