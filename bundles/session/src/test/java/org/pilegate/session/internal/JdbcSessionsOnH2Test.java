package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcSessionsOnH2Test extends JdbcSessionsTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
