package org.pilegate.pile.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class DepotControlComponentOnPostgresqlTest extends DepotControlComponentTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
