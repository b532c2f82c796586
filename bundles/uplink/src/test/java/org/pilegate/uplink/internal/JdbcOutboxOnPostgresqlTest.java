package org.pilegate.uplink.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcOutboxOnPostgresqlTest extends JdbcOutboxTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
