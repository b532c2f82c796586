package org.pilegate.pile.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class DepotControlComponentOnH2Test extends DepotControlComponentTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.h2();
    }
}
