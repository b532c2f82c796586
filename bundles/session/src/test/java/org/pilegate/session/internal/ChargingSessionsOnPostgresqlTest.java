package org.pilegate.session.internal;

import javax.sql.DataSource;

class ChargingSessionsOnPostgresqlTest extends ChargingSessionsTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
