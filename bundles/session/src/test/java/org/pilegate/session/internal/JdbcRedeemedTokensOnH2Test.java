package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcRedeemedTokensOnH2Test extends JdbcRedeemedTokensTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
