package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcVehicleRegistryOnPostgresqlTest extends JdbcVehicleRegistryTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
