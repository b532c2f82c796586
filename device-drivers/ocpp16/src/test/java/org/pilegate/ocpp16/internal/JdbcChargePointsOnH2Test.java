package org.pilegate.ocpp16.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcChargePointsOnH2Test extends JdbcChargePointsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
