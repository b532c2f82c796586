package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.junit.jupiter.api.TestInfo;
import org.pilegate.store.internal.StoreDatabases;

class ChargingSessionsOnPostgresqlTest extends ChargingSessionsTest {

    @Override
    DataSource freshDatabase(TestInfo test) throws Exception {
        return StoreDatabases.postgres();
    }

    @Override
    void outage(boolean out) throws Exception {
        StoreDatabases.postgresRunning(!out);
    }
}
