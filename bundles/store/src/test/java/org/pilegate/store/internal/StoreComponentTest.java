package org.pilegate.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.api.store.EmbeddedStore;
import org.pilegate.api.work.SharedThreads;

import com.zaxxer.hikari.HikariDataSource;

class StoreComponentTest {

    @TempDir
    Path data;

    private final SharedThreads threads = new SharedThreads(1);

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void embeddedDatabaseIsCreatedMigratedAndReopened() throws Exception {
        try (HikariDataSource pool = new HikariDataSource(StoreComponent.poolConfig(config("", ""), data))) {
            assertEquals(migrationScripts(), StoreComponent.migrate(pool).migrationsExecuted);
            assertTrue(tables(pool, "PUBLIC").containsAll(List.of("ACCOUNT", "VEHICLE", "TERMINAL",
                    "REDEEMED_ASSOCIATION_TOKEN", "TERMINAL_CREDENTIAL", "CHARGING_SESSION", "SESSION_STATUS", "GATEWAY_SECRET", "LEDGER_TRANSACTION", "LEDGER_ENTRY", "LEDGER_BALANCE", "PILE_SETTING", "SITE_SETTING")), tables(pool, "PUBLIC").toString());
        }
        Path secret = data.resolve("pilegate/store.secret");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));

        // a restart opens the same database with the kept secret and finds nothing to migrate
        try (HikariDataSource pool = new HikariDataSource(StoreComponent.poolConfig(config("", ""), data))) {
            assertEquals(0, StoreComponent.migrate(pool).migrationsExecuted);
        }
    }

    /** H2 keeps 8 statements parsed per connection, fewer than the gateway runs on each. */
    @Test
    void theEmbeddedStoreKeepsTheGatewaysStatementsParsed() throws Exception {
        try (HikariDataSource pool = new HikariDataSource(StoreComponent.poolConfig(config("", ""), data));
                Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertTrue(setting.next(), "no QUERY_CACHE_SIZE setting");
            assertEquals(StoreComponent.H2_STATEMENTS_KEPT, setting.getInt(1));
        }
    }

    @Test
    void postgresqlIsMigratedLikeTheEmbeddedDatabase() throws Exception {
        try (LocalPostgres postgres = new LocalPostgres();
                HikariDataSource pool = new HikariDataSource(StoreComponent.poolConfig(
                        config(postgres.url(), LocalPostgres.PASSWORD), data))) {
            assertEquals(migrationScripts(), StoreComponent.migrate(pool).migrationsExecuted);
            assertTrue(tables(pool, "public").containsAll(List.of("account", "vehicle", "terminal",
                    "redeemed_association_token", "terminal_credential", "charging_session", "session_status", "gateway_secret", "ledger_transaction", "ledger_entry", "ledger_balance", "pile_setting", "site_setting")), tables(pool, "public").toString());
            assertEquals(0, StoreComponent.migrate(pool).migrationsExecuted);
        }
    }

    @Test
    void postgresqlStoppedRefusesAtOnceAndThePoolTakesUpAgainWhenItIsBack() throws Exception {
        try (LocalPostgres postgres = new LocalPostgres();
                HikariDataSource pool = new HikariDataSource(StoreComponent.poolConfig(
                        config(postgres.url(), LocalPostgres.PASSWORD), data))) {
            StoreComponent.migrate(pool);
            assertEquals(1_000, pool.getConnectionTimeout(), "the configured wait, not HikariCP's 30 s");

            postgres.stop();
            // each connection the pool held is cut (the server's shutdown or a connection failure, by SQL state);
            // then there is no new one to be had: the pool gives up after the configured wait, with its own kind
            SQLException refused = assertThrows(SQLException.class, () -> tables(pool, "public"));
            for (int cut = 0; cut < pool.getMaximumPoolSize() && refused.getSQLState().matches("08...|57P0."); cut++) {
                refused = assertThrows(SQLException.class, () -> tables(pool, "public"));
            }
            assertInstanceOf(SQLTransientConnectionException.class, refused, refused.toString());

            postgres.start();
            assertTrue(tablesOnceBack(pool).contains("account"), "the same pool answers again");
        }
    }

    @Test
    void aConnectionTimeoutOutOfRangeIsNamed() {
        StoreConfig config = config("", "");
        StoreConfig tooShort = (StoreConfig) Proxy.newProxyInstance(StoreConfig.class.getClassLoader(),
                new Class<?>[] {StoreConfig.class}, (proxy, method, args) -> method.getName()
                        .equals("connectionTimeoutMs") ? 10 : method.invoke(config, args));
        assertEquals("org.pilegate.store: connectionTimeoutMs: must be 250..30000, not 10", assertThrows(
                IllegalArgumentException.class, () -> StoreComponent.poolConfig(tooShort, data)).getMessage());
    }

    @Test
    void postgresqlNeedsAPassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreComponent.poolConfig(config("jdbc:postgresql://localhost/pilegate", ""), data));
        assertEquals("org.pilegate.store: password: required for jdbc:postgresql://localhost/pilegate",
                e.getMessage());
    }

    @Test
    void unsupportedUrlIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StoreComponent.poolConfig(config("jdbc:mysql://db/pilegate", "pw"), data));
        assertTrue(e.getMessage().startsWith("org.pilegate.store: url: 'jdbc:mysql://db/pilegate'"), e.getMessage());
    }

    /** The embedded store's service for metrics counts its commits and flushes and measures its file. */
    @Test
    void theEmbeddedStoreCountsItsCommitsAndMeasuresItsFile() throws Exception {
        List<Object> registered = new ArrayList<>();
        StoreComponent store = new StoreComponent();
        store.threads = threads;
        store.activate(config("", ""), context(registered), data);
        try {
            HikariDataSource pool = (HikariDataSource) registered.get(0);
            EmbeddedStore embedded = (EmbeddedStore) registered.get(1);
            EmbeddedStore.Activity before = embedded.activity();
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.executeUpdate("INSERT INTO gateway_secret VALUES ('a', 'b', CURRENT_TIMESTAMP)");
                connection.commit();
                statement.executeQuery("SELECT COUNT(*) FROM gateway_secret").close();
                connection.commit();
            }
            EmbeddedStore.Activity after = embedded.activity();
            assertEquals(before.commits() + 1, after.commits(), "a commit that wrote; not one that only read");
            assertEquals(before.flushes() + 1, after.flushes());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (embedded.activity().fileBytes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            EmbeddedStore.Activity measured = embedded.activity();
            assertEquals(Files.size(data.resolve("pilegate/pilegate.mv.db")), measured.fileBytes(), 1 << 20,
                    "the file's size as a slice of compaction found it");
            assertTrue(measured.livePercent() > 0 && measured.livePercent() <= 100, measured.toString());
        } finally {
            store.deactivate();
        }
        assertEquals(List.of(), registered);
    }

    @Test
    void aBadUpdateKeepsTheRunningPoolAndAPoolSizeAppliesInPlace() throws Exception {
        List<Object> registered = new ArrayList<>();
        StoreComponent store = new StoreComponent();
        store.threads = threads;
        store.activate(config("", "", 2), context(registered), data);
        HikariDataSource pool = (HikariDataSource) registered.get(0);
        EmbeddedStore embedded = (EmbeddedStore) registered.get(1);
        try {
            assertEquals("org.pilegate.store: poolSize: must be 1..64, not 0", assertThrows(
                    IllegalArgumentException.class, () -> store.modified(config("", "", 0))).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.modified(
                    config("jdbc:mysql://db/pilegate", "pw", 2))).getMessage().startsWith("org.pilegate.store: url: "));
            String unreachable = "jdbc:postgresql://127.0.0.1:" + freePort() + "/pilegate";
            String message = assertThrows(IllegalStateException.class,
                    () -> store.modified(config(unreachable, "pw", 2))).getMessage();
            assertTrue(message.startsWith("org.pilegate.store: url/user/password: " + unreachable
                    + " cannot be opened ("), message);
            assertTrue(message.endsWith("the store stays on embedded H2"), message);
            assertEquals(List.of(pool, embedded), registered);
            assertTrue(tables(pool, "PUBLIC").contains("ACCOUNT"), "the running pool still answers");

            store.modified(config("", "", 5));

            assertEquals(List.of(pool, embedded), registered, "the same pool, not a new one");
            assertEquals(5, pool.getMaximumPoolSize());
        } finally {
            store.deactivate();
        }
        assertEquals(List.of(), registered);
        assertTrue(pool.isClosed());
    }

    /** A framework that only records the services registered, and forgets them when unregistered. */
    private static BundleContext context(List<Object> registered) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("registerService")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Object service = args[1];
                    registered.add(service);
                    return Proxy.newProxyInstance(ServiceRegistration.class.getClassLoader(),
                            new Class<?>[] {ServiceRegistration.class}, (registration, unregister, none) -> {
                                registered.remove(service);
                                return null;
                            });
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The tables, asked until the pool has a connection again: a server just started may still refuse ("starting
     * up"), and the pool's next attempt may then come after one wait of the caller has run out.
     */
    private static List<String> tablesOnceBack(HikariDataSource pool) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return tables(pool, "public");
            } catch (SQLTransientConnectionException stillAway) {
                if (System.nanoTime() > deadline) {
                    throw stillAway;
                }
            }
        }
    }

    private static List<String> tables(HikariDataSource pool, String schema) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    private static StoreConfig config(String url, String password) {
        return config(url, password, 2);
    }

    private static StoreConfig config(String url, String password, int poolSize) {
        return new StoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return StoreConfig.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "pilegate";
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public int poolSize() {
                return poolSize;
            }

            @Override
            public int connectionTimeoutMs() {
                return 1_000;
            }
        };
    }

    /** Every script the store ships, each run exactly once on a fresh database. */
    private static int migrationScripts() throws Exception {
        try (var scripts = Files.list(Path.of(StoreComponentTest.class.getResource("/db/migration").toURI()))) {
            return (int) scripts.filter(script -> script.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }
}
