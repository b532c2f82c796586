package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcFeesOnPostgresqlTest extends JdbcFeesTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
