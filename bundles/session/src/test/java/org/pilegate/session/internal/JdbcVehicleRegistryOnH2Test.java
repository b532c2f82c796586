package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcVehicleRegistryOnH2Test extends JdbcVehicleRegistryTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
