package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcTerminalCredentialsOnH2Test extends JdbcTerminalCredentialsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
