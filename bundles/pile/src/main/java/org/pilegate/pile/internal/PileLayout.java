package org.pilegate.pile.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a pile, a meter and a relay configuration per row of the depot's pile table ({@link PileTable}, by default
 * {@code etc/pilegate-piles.csv}) in Configuration Admin, as if each were a file in {@code etc/}, and follows the table
 * when it changes. A depot of thousands of piles is one file to edit instead of three per pile, and its start does not
 * pay File Install's search of every configuration for each file it reads: these are found by their PID.
 * Configurations written from a {@code .cfg} file or by the simulator are never touched; a pile removed from the
 * table loses its configurations, but only once the table reads without an error.
 */
@Component(immediate = true, configurationPid = PileLayout.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PileLayout.Config.class)
public class PileLayout {

    static final String PID = "org.pilegate.piles";
    /** Marks the configurations this component keeps, naming the table. */
    static final String TABLE = "pilegate.table";
    static final Map<String, String> FACTORY_PIDS = Map.of("pile", PileControllerComponent.PID, "meter",
            "org.pilegate.meter.modbus", "relay", "org.pilegate.relay.modbus");
    private static final Set<String> OWNED_ELSEWHERE = Set.of("felix.fileinstall.filename", "pilegate.simulated");
    private static final Logger LOG = LoggerFactory.getLogger(PileLayout.class);

    @ObjectClassDefinition(name = "pilegate pile table", description = "The depot's Modbus piles as one table")
    public @interface Config {

        @AttributeDefinition(description = "The table, relative to Karaf's etc folder; absent: no piles from a table")
        String file() default "pilegate-piles.csv";

        @AttributeDefinition(description = "How often the table is checked for a change, in seconds", min = "1")
        int checkIntervalS() default 5;
    }

    private final ConfigurationAdmin configurationAdmin;
    private final GatewayThreads threads;
    private Path table; // guarded by this
    private FileTime seen; // guarded by this: the table's time when last read; null: absent
    private boolean read; // guarded by this: seen is known
    private GatewayThreads.Scheduled checks;

    @Activate
    public PileLayout(@Reference ConfigurationAdmin configurationAdmin, @Reference GatewayThreads threads,
            Config config) {
        this.configurationAdmin = configurationAdmin;
        this.threads = threads;
        modified(config);
    }

    @Modified
    synchronized void modified(Config config) {
        if (config.checkIntervalS() < 1) {
            throw new IllegalArgumentException(PID + ": checkIntervalS: must be at least 1, not "
                    + config.checkIntervalS());
        }
        table = Path.of(System.getProperty("karaf.etc", "etc")).resolve(config.file());
        read = false;
        check();
        if (checks != null) {
            checks.cancel();
        }
        Duration interval = Duration.ofSeconds(config.checkIntervalS());
        checks = threads.every(interval, interval, this::check);
    }

    @Deactivate
    synchronized void deactivate() {
        checks.cancel();
    }

    /** Reads the table again if it changed since last read, or went away. */
    synchronized void check() {
        try {
            FileTime now = Files.exists(table) ? Files.getLastModifiedTime(table) : null;
            if (read && Objects.equals(now, seen)) {
                return;
            }
            seen = now;
            read = true;
            if (now == null) {
                apply(new PileTable(List.of(), List.of()));
            } else {
                apply(PileTable.parse(table.getFileName().toString(), Files.readAllLines(table)));
            }
        } catch (IOException e) {
            LOG.error("Pile table {}: cannot be read or applied: {}", table, e.toString());
        }
    }

    private void apply(PileTable piles) throws IOException {
        piles.errors().forEach(error -> LOG.warn("Pile table {}; that row is left out", error));
        Set<String> kept = new HashSet<>();
        int skipped = 0;
        for (PileTable.Row row : piles.rows()) {
            if (owned(row)) {
                for (String kind : PileTable.KINDS) {
                    kept.add(put(FACTORY_PIDS.get(kind), row, kindValues(row, kind)));
                }
            } else {
                skipped++;
            }
        }
        int removed = 0;
        if (piles.errors().isEmpty()) {
            for (Configuration configuration : tagged()) {
                if (!kept.contains(configuration.getPid())) {
                    configuration.delete();
                    removed++;
                }
            }
        } else {
            LOG.warn("Pile table {}: piles no longer in it keep their configurations until it reads without errors",
                    table.getFileName());
        }
        LOG.info("Pile table {}: {} piles configured, {} left to other configurations, {} configurations removed",
                table.getFileName(), piles.rows().size() - skipped, skipped, removed);
    }

    /** A pile configured by a file or the simulator keeps that: the table does not take it over. */
    private boolean owned(PileTable.Row row) throws IOException {
        for (String kind : PileTable.KINDS) {
            Dictionary<String, Object> present = configurationAdmin
                    .getFactoryConfiguration(FACTORY_PIDS.get(kind), row.id(), "?").getProperties();
            if (present != null && OWNED_ELSEWHERE.stream().anyMatch(key -> present.get(key) != null)) {
                LOG.warn("Pile table {} line {}: {} is configured elsewhere ({}); that row is left out",
                        table.getFileName(), row.line(), row.id(), FACTORY_PIDS.get(kind));
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> kindValues(PileTable.Row row, String kind) {
        return switch (kind) {
            case "pile" -> row.pile();
            case "meter" -> row.meter();
            default -> row.relay();
        };
    }

    /** Writes the named factory configuration, tagged; one that is unchanged is left alone (no event). */
    private String put(String factoryPid, PileTable.Row row, Map<String, String> values) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(factoryPid, row.id(), "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        properties.put(TABLE, table.getFileName().toString());
        configuration.updateIfDifferent(properties);
        return configuration.getPid();
    }

    private Configuration[] tagged() throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(" + TABLE + "=*)");
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
