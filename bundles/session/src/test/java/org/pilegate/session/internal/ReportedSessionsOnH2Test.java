package org.pilegate.session.internal;

import javax.sql.DataSource;

import org.pilegate.store.internal.StoreDatabases;

class ReportedSessionsOnH2Test extends ReportedSessionsTest {

    @Override
    DataSource freshDatabase() throws Exception {
        return StoreDatabases.h2();
    }
}
