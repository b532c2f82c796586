package org.pilegate.store.internal;

import java.sql.Connection;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh databases with the store's own schema, on both databases the store supports, for the tests of any bundle. */
public final class StoreDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalPostgres postgres;

    private StoreDatabases() {
    }

    public static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return migrated(h2);
    }

    /** A new embedded database in a file on a disk that a test can fill ({@link FullDisk}). */
    public static DataSource h2OnFullDisk(Path folder) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(FullDisk.url(folder.resolve(UUID.randomUUID().toString())));
        // as the store opens it: commits reach the disk through its group flush
        return migrated(new DurableCommits(h2));
    }

    /** Stops the shared PostgreSQL server, cutting every connection, or starts it again on the same port. */
    public static synchronized void postgresRunning(boolean running) throws Exception {
        if (running) {
            postgres.start();
        } else {
            postgres.stop();
        }
    }

    /** A new database on one PostgreSQL server shared by the test run. */
    public static synchronized DataSource postgres() throws Exception {
        if (postgres == null) {
            postgres = new LocalPostgres();
            LocalPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception e) {
                    // the JVM is going; the temporary cluster is removed with it
                }
            }));
        }
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection admin = connect(postgres.url()).getConnection(); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        return migrated(connect(postgres.url().replaceFirst("/postgres$", "/" + name)));
    }

    private static PGSimpleDataSource connect(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(LocalPostgres.USER);
        source.setPassword(LocalPostgres.PASSWORD);
        return source;
    }

    private static DataSource migrated(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

}
