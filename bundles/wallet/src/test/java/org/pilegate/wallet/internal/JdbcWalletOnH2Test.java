package org.pilegate.wallet.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class JdbcWalletOnH2Test extends JdbcWalletTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
