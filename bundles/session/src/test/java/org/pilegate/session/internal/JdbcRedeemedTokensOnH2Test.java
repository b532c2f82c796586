package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcRedeemedTokensOnH2Test extends JdbcRedeemedTokensTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
