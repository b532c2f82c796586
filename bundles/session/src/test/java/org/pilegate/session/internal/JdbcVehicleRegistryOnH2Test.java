package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcVehicleRegistryOnH2Test extends JdbcVehicleRegistryTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
