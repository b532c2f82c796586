package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class SettlementOnH2Test extends SettlementTest {

    @Override
    DataSource freshDatabase() {
        return StoreDatabases.h2();
    }
}
