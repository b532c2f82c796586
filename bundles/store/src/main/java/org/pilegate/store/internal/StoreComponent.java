package org.pilegate.store.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.store.EmbeddedStore;
import org.pilegate.api.work.GatewayThreads;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the gateway's database, brings its schema to the current version and offers it as a pooled
 * {@link DataSource} service with {@value #STORE_PROPERTY}={@value #STORE_NAME}. Users wait for that service, so
 * nothing touches the database before its schema is migrated.
 */
@Component(immediate = true, configurationPid = StoreComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public class StoreComponent {

    static final String PID = "org.pilegate.store";
    public static final String STORE_PROPERTY = "pilegate.store";
    public static final String STORE_NAME = "main";
    /** The most the metatype offers. */
    private static final int MAX_POOL_SIZE = 64;
    private static final int MIN_TIMEOUT_MS = 250;
    private static final int MAX_TIMEOUT_MS = 30_000;
    private static final long START_TIMEOUT_MS = 60_000;
    /** A statement running this long on PostgreSQL means a lost connection, not a slow query. */
    private static final int SOCKET_TIMEOUT_SECONDS = 30;
    /** A slice of compaction this often keeps a busy file near its live size (see {@link H2Compaction}). */
    private static final Duration COMPACTION_INTERVAL = Duration.ofSeconds(1);
    /**
     * The embedded file is synced this often ({@link H2DiskSync}): the most a power cut may lose, and how long H2 keeps
     * the versions written meanwhile (their pages in memory, their dead chunks on the disk).
     */
    static final Duration SYNC_INTERVAL = Duration.ofMillis(250);
    /**
     * Statements each connection of the embedded store keeps parsed, by their SQL. H2 keeps 8; the gateway runs about
     * 50 on every connection of its pool, so most were parsed again each time (3 % of the gateway's CPU samples at
     * 2,000 busy piles).
     */
    static final int H2_STATEMENTS_KEPT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(StoreComponent.class);

    private BundleContext context;
    private Path dataFolder;
    private StoreConfig config;
    private HikariDataSource pool;
    private ServiceRegistration<DataSource> registration;
    private Upkeep upkeep; // null on PostgreSQL

    @Reference
    GatewayThreads threads;

    /** A first configuration with a wrong value fails the activation, with the same message an update gets. */
    @Activate
    void activate(StoreConfig config, BundleContext context) throws IOException {
        activate(config, context, Path.of(System.getProperty("karaf.data", "data")));
    }

    void activate(StoreConfig config, BundleContext context, Path dataFolder) throws IOException {
        this.context = context;
        this.dataFolder = dataFolder;
        open(config, poolConfig(config, dataFolder));
    }

    /**
     * A changed pool size applies in place. Another database is opened and migrated before the running one closes;
     * users of the store then follow its new service. A wrong value, or a database that cannot be opened, is refused
     * naming the PID, the key and why (the framework logs it), and the store stays on its running pool.
     */
    @Modified
    synchronized void modified(StoreConfig next) throws IOException {
        HikariConfig checked = poolConfig(next, dataFolder);
        if (sameDatabase(config, next)) {
            pool.getHikariConfigMXBean().setMaximumPoolSize(checked.getMaximumPoolSize());
            config = next;
            LOG.info("Store pool size now {}", checked.getMaximumPoolSize());
            return;
        }
        // at start the database may still be coming up with the machine; an operator switching to another one is
        // waiting for the answer, so one that does not answer within the connection timeout is refused
        checked.setInitializationFailTimeout(checked.getConnectionTimeout());
        HikariDataSource previousPool = pool;
        Upkeep previousUpkeep = upkeep;
        ServiceRegistration<DataSource> previousRegistration = registration;
        StoreConfig previous = config;
        try {
            open(next, checked);
        } catch (RuntimeException e) {
            throw new IllegalStateException(PID + ": url/user/password: " + describe(next) + " cannot be opened ("
                    + e.getMessage() + "); the store stays on " + describe(previous), e);
        }
        previousRegistration.unregister();
        close(previousPool, previousUpkeep);
    }

    @Deactivate
    synchronized void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
        close(pool, upkeep);
    }

    /** Opens, migrates and registers the pool of {@code with}; on failure nothing stays open and nothing changes. */
    private void open(StoreConfig with, HikariConfig hikari) {
        HikariDataSource opened = new HikariDataSource(hikari);
        try {
            MigrateResult migration = migrate(opened);
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(STORE_PROPERTY, STORE_NAME);
            registration = context.registerService(DataSource.class, opened, properties);
            LOG.info("Store ready: {} at schema version {} ({} migrations applied now)", describe(with),
                    migration.targetSchemaVersion != null ? migration.targetSchemaVersion
                            : migration.initialSchemaVersion, migration.migrationsExecuted);
        } catch (RuntimeException e) {
            close(opened, null);
            throw e;
        }
        pool = opened;
        config = with;
        upkeep = opened.getDataSource() instanceof DurableCommits embedded
                ? new Upkeep(threads.every(COMPACTION_INTERVAL, COMPACTION_INTERVAL, embedded::compact),
                        threads.every(SYNC_INTERVAL, SYNC_INTERVAL, embedded::sync),
                        context.registerService(EmbeddedStore.class, embedded::activity, null))
                : null;
    }

    /** What runs beside the embedded store: slices of compaction of its file, its syncs, its service for metrics. */
    private record Upkeep(GatewayThreads.Scheduled compactions, GatewayThreads.Scheduled syncs,
            ServiceRegistration<EmbeddedStore> service) {

        void stop() {
            service.unregister();
            syncs.cancel();
            compactions.cancel();
        }
    }

    private static void close(HikariDataSource pool, Upkeep upkeep) {
        if (upkeep != null) {
            upkeep.stop();
        }
        pool.close();
        if (pool.getDataSource() instanceof DurableCommits embedded) {
            embedded.close();
        }
    }

    /** Only the pool size may change without opening the database again. */
    private static boolean sameDatabase(StoreConfig a, StoreConfig b) {
        return a.url().strip().equals(b.url().strip()) && a.user().equals(b.user())
                && a.password().equals(b.password()) && a.connectionTimeoutMs() == b.connectionTimeoutMs();
    }

    static HikariConfig poolConfig(StoreConfig config, Path dataFolder) throws IOException {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("pilegate-store");
        if (config.poolSize() < 1 || config.poolSize() > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(PID + ": poolSize: must be 1.." + MAX_POOL_SIZE + ", not "
                    + config.poolSize());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        if (config.connectionTimeoutMs() < MIN_TIMEOUT_MS || config.connectionTimeoutMs() > MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException(PID + ": connectionTimeoutMs: must be " + MIN_TIMEOUT_MS + ".."
                    + MAX_TIMEOUT_MS + ", not " + config.connectionTimeoutMs());
        }
        // HikariCP waits 30 s by default; a terminal would hang as long when the database is down
        hikari.setConnectionTimeout(config.connectionTimeoutMs());
        hikari.setValidationTimeout(Math.max(MIN_TIMEOUT_MS, config.connectionTimeoutMs() / 2));
        // a database still starting (or a login slow on a loaded machine) is waited for at start, not given up on
        hikari.setInitializationFailTimeout(START_TIMEOUT_MS);
        if (config.user() == null || config.user().isBlank()) {
            throw new IllegalArgumentException(PID + ": user: required, but empty");
        }
        String url = config.url().strip();
        if (url.isEmpty()) {
            Path folder = dataFolder.resolve("pilegate");
            JdbcDataSource h2 = new JdbcDataSource();
            // H2's write delay holds commits in memory, which a killed gateway would lose (a fee issued, a payment
            // recorded); DurableCommits returns from a commit once it is on disk, writing commits made together at once
            h2.setURL("jdbc:h2:file:" + folder.resolve("pilegate").toAbsolutePath() + ";QUERY_CACHE_SIZE="
                    + H2_STATEMENTS_KEPT);
            h2.setUser(config.user());
            h2.setPassword(config.password().isEmpty() ? embeddedSecret(folder) : config.password());
            hikari.setDataSource(new DurableCommits(h2));
        } else if (url.startsWith("jdbc:postgresql:")) {
            if (config.password().isEmpty()) {
                throw new IllegalArgumentException(PID + ": password: required for " + url);
            }
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            postgres.setUser(config.user());
            postgres.setPassword(config.password());
            // the driver's default waits forever for the answer of a server gone silent
            postgres.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
            hikari.setDataSource(postgres);
        } else {
            throw new IllegalArgumentException(PID + ": url: '" + url
                    + "' is neither empty (embedded H2) nor jdbc:postgresql:…");
        }
        return hikari;
    }

    static MigrateResult migrate(DataSource dataSource) {
        // Flyway and the migrations are inside this bundle; its class loader finds both
        return Flyway.configure(StoreComponent.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** The embedded database's password: generated on first start, kept readable by the owner only. */
    private static String embeddedSecret(Path folder) throws IOException {
        Path secretFile = folder.resolve("store.secret");
        if (Files.exists(secretFile)) {
            return Files.readString(secretFile, StandardCharsets.US_ASCII).strip();
        }
        Files.createDirectories(folder);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(secretFile);
        }
        Files.writeString(secretFile, password, StandardCharsets.US_ASCII);
        return password;
    }

    private static String describe(StoreConfig config) {
        return config.url().isBlank() ? "embedded H2" : config.url();
    }
}
