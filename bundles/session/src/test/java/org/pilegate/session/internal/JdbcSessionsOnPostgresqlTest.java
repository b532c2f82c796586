package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcSessionsOnPostgresqlTest extends JdbcSessionsTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
