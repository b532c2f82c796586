package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcTerminalCredentialsOnPostgresqlTest extends JdbcTerminalCredentialsTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
