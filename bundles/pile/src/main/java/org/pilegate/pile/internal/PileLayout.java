package org.pilegate.pile.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pilegate.api.pile.PileFactories;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a meter, a relay and a pile for every row of the depot's pile table ({@link PileTable}, by default
 * {@code etc/pilegate-piles.csv}) and follows the table when it changes. A depot of thousands of piles is one file to
 * edit instead of three per pile, and its piles are component instances made from the rows ({@link TablePiles}), with
 * no Configuration Admin record each. A pile, meter or relay configured in Configuration Admin (a {@code .cfg} file,
 * the simulator, an OCPP connector) keeps that, and the row of the same id is left out; a pile removed from the table
 * stops, but only once the table reads without an error.
 */
@Component(immediate = true, configurationPid = PileLayout.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ConfigurationListener.class)
@Designate(ocd = PileLayout.Config.class)
public class PileLayout implements ConfigurationListener {

    static final String PID = "org.pilegate.piles";
    /** Marks what the table made, naming the table; earlier versions marked the configurations they wrote so. */
    static final String TABLE = "pilegate.table";
    /** Component factory name → the kind of instance it makes. */
    private static final Map<Object, String> KIND_OF_FACTORY = Map.of(PileFactories.MODBUS_METER, "meter",
            PileFactories.MODBUS_RELAY, "relay", PileFactories.PILE, "pile");
    /** Kind → factory PID of a configuration of that kind. */
    static final Map<String, String> FACTORY_PIDS = Map.of("pile", PileControllerComponent.PID, "meter",
            "org.pilegate.meter.modbus", "relay", "org.pilegate.relay.modbus");
    /** Every pile, meter and relay configuration in Configuration Admin, but for those an earlier table wrote. */
    static final String ELSEWHERE = FACTORY_PIDS.values().stream().sorted()
            .map(pid -> "(service.factoryPid=" + pid + ")")
            .collect(Collectors.joining("", "(&(|", ")(!(" + TABLE + "=*)))"));
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
    private final TablePiles piles;
    private Path table; // guarded by this
    private FileTime seen; // guarded by this: the table's time when last read; null: absent
    private boolean read; // guarded by this: seen is known
    /** A pile, meter or relay configuration came, changed or went since the table was last applied. */
    private volatile boolean configurationsChanged;
    private GatewayThreads.Scheduled checks;

    @Activate
    public PileLayout(@Reference ConfigurationAdmin configurationAdmin, @Reference GatewayThreads threads,
            Config config) {
        this.configurationAdmin = configurationAdmin;
        this.threads = threads;
        Lane lane = new Lane(threads.workers());
        piles = new TablePiles(lane, threads.workers(), TABLE);
        // first on the lane: configurations an earlier version wrote would run every pile a second time
        lane.execute(this::removeTableConfigurations);
        modified(config);
    }

    /** The three factories, told apart by their name. */
    @Reference(target = "(|(component.factory=" + PileFactories.MODBUS_METER + ")(component.factory="
            + PileFactories.MODBUS_RELAY + ")(component.factory=" + PileFactories.PILE + "))",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindFactory(ComponentFactory<?> factory, Map<String, Object> properties) {
        piles.factoryCame(KIND_OF_FACTORY.get(properties.get(ComponentConstants.COMPONENT_FACTORY)), factory);
    }

    void unbindFactory(ComponentFactory<?> factory, Map<String, Object> properties) {
        piles.factoryWent(KIND_OF_FACTORY.get(properties.get(ComponentConstants.COMPONENT_FACTORY)), factory);
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
        piles.close();
    }

    /** A row left out for a configuration of its id comes back when that goes, and the other way round. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (FACTORY_PIDS.containsValue(event.getFactoryPid())) {
            configurationsChanged = true;
        }
    }

    /** Reads the table again if it changed since last read, or went away, or a configuration of a pile changed. */
    synchronized void check() {
        try {
            FileTime now = Files.exists(table) ? Files.getLastModifiedTime(table) : null;
            if (read && Objects.equals(now, seen) && !configurationsChanged) {
                return;
            }
            configurationsChanged = false;
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

    private void apply(PileTable rows) throws IOException {
        String name = table.getFileName().toString();
        rows.errors().forEach(error -> LOG.warn("Pile table {}; that row is left out", error));
        Map<String, String> elsewhere = configuredElsewhere();
        List<PileTable.Row> run = new ArrayList<>();
        Set<String> leftOut = new HashSet<>();
        for (PileTable.Row row : rows.rows()) {
            Optional<String> configuration = configuration(row, elsewhere);
            if (configuration.isPresent()) {
                LOG.warn("Pile table {} line {}: {} is configured elsewhere ({}); that row is left out", name,
                        row.line(), row.id(), configuration.get());
                leftOut.add(row.id());
            } else {
                run.add(row);
            }
        }
        if (!rows.errors().isEmpty()) {
            LOG.warn("Pile table {}: piles no longer in it keep running until it reads without errors", name);
        }
        piles.want(name, run, leftOut, rows.errors().isEmpty());
        LOG.info("Pile table {}: {} piles, {} left to other configurations", name, run.size(), leftOut.size());
    }

    /** Factory PID and id → the configuration's PID, of every configuration not the table's: one search for all. */
    private Map<String, String> configuredElsewhere() throws IOException {
        Map<String, String> configured = new HashMap<>();
        for (Configuration configuration : list(ELSEWHERE)) {
            Dictionary<String, Object> properties = configuration.getProperties();
            Object id = properties == null ? null : properties.get("id");
            if (id != null) {
                configured.put(configuration.getFactoryPid() + " " + id, configuration.getPid());
            }
        }
        return configured;
    }

    /** The configuration that already runs this row's pile, meter or relay, if one does. */
    private static Optional<String> configuration(PileTable.Row row, Map<String, String> elsewhere) {
        return PileTable.KINDS.stream()
                .map(kind -> elsewhere.get(FACTORY_PIDS.get(kind) + " " + row.of(kind).get("id")))
                .filter(Objects::nonNull).findFirst();
    }

    /** Earlier versions kept a configuration per row and kind: the table's piles are made without them now. */
    private void removeTableConfigurations() {
        try {
            Configuration[] written = list("(" + TABLE + "=*)");
            for (Configuration configuration : written) {
                configuration.delete();
            }
            if (written.length > 0) {
                LOG.info("Pile table: {} configurations an earlier version wrote for its rows removed", written.length);
            }
        } catch (IOException e) {
            LOG.error("Pile table: configurations an earlier version wrote cannot be removed: {}", e.toString());
        }
    }

    private Configuration[] list(String filter) throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(filter, e);
        }
    }
}
