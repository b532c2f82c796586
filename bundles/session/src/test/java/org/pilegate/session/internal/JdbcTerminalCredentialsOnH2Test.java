package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcTerminalCredentialsOnH2Test extends JdbcTerminalCredentialsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
