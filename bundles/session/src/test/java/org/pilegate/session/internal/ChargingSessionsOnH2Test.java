package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class ChargingSessionsOnH2Test extends ChargingSessionsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
