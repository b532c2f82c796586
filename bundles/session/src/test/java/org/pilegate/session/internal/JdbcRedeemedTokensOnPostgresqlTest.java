package org.pilegate.session.internal;

import javax.sql.DataSource;

class JdbcRedeemedTokensOnPostgresqlTest extends JdbcRedeemedTokensTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.postgres();
    }
}
