package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcFeesOnH2Test extends JdbcFeesTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
