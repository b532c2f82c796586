package org.pilegate.ocpp16.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcChargePointsOnPostgresqlTest extends JdbcChargePointsTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
