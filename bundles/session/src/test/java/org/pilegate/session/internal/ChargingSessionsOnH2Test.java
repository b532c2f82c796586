package org.pilegate.session.internal;

import javax.sql.DataSource;

class ChargingSessionsOnH2Test extends ChargingSessionsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
