package org.pilegate.session.internal;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.TestInfo;
import org.pilegate.store.internal.FullDisk;
import org.pilegate.store.internal.StoreDatabases;

/** In memory; for the outage, in a file as the gateway keeps it, on a disk that {@link #outage} fills. */
class ChargingSessionsOnH2Test extends ChargingSessionsTest {

    @Override
    DataSource freshDatabase(TestInfo test) {
        return test.getTags().contains(OUTAGE) ? StoreDatabases.h2OnFullDisk(Path.of("target", "full-disk"))
                : StoreDatabases.h2();
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
