package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentException;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.ComponentInstance;
import org.pilegate.api.pile.PileFactories;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.ManualThreads;

/**
 * The pile table through the layout's lifecycle, with component factories as SCR offers them (an instance per
 * {@code newInstance}, all of them disposed when the factory goes) and Configuration Admin in memory.
 */
class PileLayoutTest {

    private static final String HEADER = "id, meter.port, meter.unitId, relay.port, relay.unitId";

    @TempDir
    Path etc;

    /** pid → properties: Configuration Admin's store, in memory; the layout must never write to it. */
    private final Map<String, Dictionary<String, Object>> store = new TreeMap<>();
    /** What the factories did, in order: "made meter bay-01", "disposed pile bay-01", ... */
    private final List<String> events = new ArrayList<>();
    private final Factory meters = new Factory("meter");
    private final Factory relays = new Factory("relay");
    private final Factory piles = new Factory("pile");
    private String previousEtc;

    @BeforeEach
    void pointKarafEtcHere() {
        previousEtc = System.setProperty("karaf.etc", etc.toString());
    }

    @AfterEach
    void restoreKarafEtc() {
        if (previousEtc == null) {
            System.clearProperty("karaf.etc");
        } else {
            System.setProperty("karaf.etc", previousEtc);
        }
    }

    @Test
    void everyRowRunsAMeterARelayAndAPileFromTheFactoriesWithoutAConfiguration() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        layout();

        assertEquals(List.of("bay-01.meter", "bay-02.meter"), meters.running());
        assertEquals(List.of("bay-01.relay", "bay-02.relay"), relays.running());
        assertEquals(List.of("bay-01", "bay-02"), piles.running());
        assertEquals(Map.of("id", "bay-02.meter", "port", "502", "unitId", "3", PileLayout.TABLE,
                "pilegate-piles.csv"), meters.properties("bay-02.meter"));
        assertEquals(Map.of("id", "bay-01", "meter", "bay-01.meter", "relay", "bay-01.relay", PileLayout.TABLE,
                "pilegate-piles.csv"), piles.properties("bay-01"));
        assertEquals(Map.of(), store, "no configuration is written");
    }

    @Test
    void anUnchangedRowRestartsNothingAndAChangedRowRestartsOnlyWhatChanged() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        PileLayout layout = layout();
        events.clear();

        table("# the same piles, a comment above them", HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        layout.check();
        assertEquals(List.of(), events, "lines moved, values unchanged");

        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 5");
        layout.check();
        assertEquals(List.of("disposed relay bay-02.relay", "made relay bay-02.relay"), events);
        assertEquals("5", relays.properties("bay-02.relay").get("unitId"));
        assertEquals(List.of("bay-01", "bay-02"), piles.running());
    }

    @Test
    void aRemovedRowStopsOnlyOnceTheTableReadsWithoutErrorsPileFirst() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4", "bay-03, 502, 5, 502, 6");
        PileLayout layout = layout();
        events.clear();

        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502");
        layout.check();
        assertEquals(List.of(), events, "a row that cannot be read is not a pile removed");
        assertEquals(List.of("bay-01", "bay-02", "bay-03"), piles.running());

        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        layout.check();
        assertEquals(List.of("disposed pile bay-03", "disposed meter bay-03.meter", "disposed relay bay-03.relay"),
                events);

        Files.delete(etc.resolve("pilegate-piles.csv"));
        layout.check();
        assertEquals(List.of(), piles.running());
        assertEquals(List.of(), meters.running());
        assertEquals(List.of(), relays.running());
    }

    @Test
    void aDriverThatGoesAndComesBackHasItsInstancesMadeAnewAndThePilesKeepRunning() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        PileLayout layout = layout();
        events.clear();

        // the meter driver's bundle is updated: SCR disposes its instances and withdraws the factory
        meters.goAway();
        layout.unbindFactory(meters, named(PileFactories.MODBUS_METER));
        assertEquals(List.of(), meters.running());
        Factory updated = new Factory("meter");
        layout.bindFactory(updated, named(PileFactories.MODBUS_METER));

        assertEquals(List.of("bay-01.meter", "bay-02.meter"), updated.running());
        assertEquals(List.of("made meter bay-01.meter", "made meter bay-02.meter"), events,
                "relays and piles run on");
    }

    @Test
    void instancesAreMadeOnceTheirFactoryIsThereAndGoWhenTheLayoutDoes() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2");
        PileLayout layout = new PileLayout(configurationAdmin(), new ManualThreads(), config());
        layout.bindFactory(piles, named(PileFactories.PILE));
        assertEquals(List.of(), events, "a pile waits for its devices' factories");
        layout.bindFactory(relays, named(PileFactories.MODBUS_RELAY));
        layout.bindFactory(meters, named(PileFactories.MODBUS_METER));
        assertEquals(List.of("made relay bay-01.relay", "made meter bay-01.meter", "made pile bay-01"), events);
        events.clear();

        layout.deactivate();
        assertEquals(List.of("disposed pile bay-01", "disposed meter bay-01.meter", "disposed relay bay-01.relay"),
                events);
        layout.bindFactory(new Factory("meter"), named(PileFactories.MODBUS_METER));
        assertEquals(3, events.size(), "nothing is made after");
    }

    @Test
    void aDeviceThatFailsToStartLeavesTheOtherPilesRunningAndIsTriedAgainWhenItsRowChanges() throws Exception {
        meters.failing.add("bay-01.meter");
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        PileLayout layout = layout();
        assertEquals(List.of("bay-02.meter"), meters.running());
        assertEquals(List.of("bay-01", "bay-02"), piles.running(), "the pile waits for its meter, as configured");
        assertEquals(2, meters.attempts, "not tried again as the other factories came");

        meters.failing.clear();
        table(HEADER, "bay-01, 502, 7, 502, 2", "bay-02, 502, 3, 502, 4");
        layout.check();
        assertEquals(List.of("bay-01.meter", "bay-02.meter"), meters.running());
        assertEquals(3, meters.attempts);
    }

    @Test
    void aPileConfiguredElsewhereKeepsThatAndItsRowRunsOnceThatConfigurationGoes() throws Exception {
        configure("org.pilegate.pile~bay-09", Map.of("id", "bay-09", "felix.fileinstall.filename",
                "file:/etc/org.pilegate.pile-bay-09.cfg"));
        configure("org.pilegate.meter.modbus~sim-02", Map.of("id", "bay-08.meter", "pilegate.simulated", true));
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-08, 502, 3, 502, 4", "bay-09, 502, 5, 502, 6");
        PileLayout layout = layout();
        assertEquals(List.of("bay-01"), piles.running());
        assertEquals(List.of("bay-01.meter"), meters.running());

        store.remove("org.pilegate.pile~bay-09");
        layout.configurationEvent(event(ConfigurationEvent.CM_DELETED, "org.pilegate.pile~bay-09"));
        layout.check();
        assertEquals(List.of("bay-01", "bay-09"), piles.running());

        // a file for a pile of the table takes it over
        configure("org.pilegate.relay.modbus~bay-01", Map.of("id", "bay-01.relay", "felix.fileinstall.filename",
                "file:/etc/org.pilegate.relay.modbus-bay-01.cfg"));
        layout.configurationEvent(event(ConfigurationEvent.CM_UPDATED, "org.pilegate.relay.modbus~bay-01"));
        layout.check();
        assertEquals(List.of("bay-09"), piles.running());
        assertEquals(List.of("bay-09.relay"), relays.running());
    }

    @Test
    void configurationsAnEarlierVersionWroteForTheTableAreRemovedAtStartAndOthersKept() throws Exception {
        configure("org.pilegate.pile~bay-01", Map.of("id", "bay-01", PileLayout.TABLE, "pilegate-piles.csv"));
        configure("org.pilegate.meter.modbus~bay-01", Map.of("id", "bay-01.meter", PileLayout.TABLE,
                "pilegate-piles.csv"));
        configure("org.pilegate.pile~bay-07", Map.of("id", "bay-07", "felix.fileinstall.filename",
                "file:/etc/org.pilegate.pile-bay-07.cfg"));
        table(HEADER, "bay-01, 502, 1, 502, 2");
        layout();

        assertEquals(List.of("org.pilegate.pile~bay-07"), List.copyOf(store.keySet()));
        assertEquals(List.of("bay-01"), piles.running(), "an earlier version's configuration is not elsewhere");
    }

    @Test
    void piecesAreMadeOnTheWorkersAFewPilesAStepEachPilesDevicesBeforeIt() throws Exception {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 1; i <= 45; i++) {
            lines.add(String.format("bay-%02d, 502, %d, 503, %d", i, i, i));
        }
        table(lines.toArray(String[]::new));
        SteppedThreads threads = new SteppedThreads();
        PileLayout layout = new PileLayout(configurationAdmin(), threads, config());
        layout.bindFactory(meters, named(PileFactories.MODBUS_METER));
        layout.bindFactory(relays, named(PileFactories.MODBUS_RELAY));
        layout.bindFactory(piles, named(PileFactories.PILE));
        assertEquals(List.of(), events, "activation and binding hand the work over and return");

        List<Integer> madePerStep = new ArrayList<>();
        for (int before = 0; threads.runNext(); before = events.size()) {
            madePerStep.add(events.size() - before);
        }
        assertEquals(List.of(60, 60, 15), madePerStep.stream().filter(made -> made > 0).toList(),
                "20 piles a step, each of them whole, the next step behind the workers' other steps");
        for (int i = 1; i <= 45; i++) {
            String pile = String.format("bay-%02d", i);
            assertTrue(events.indexOf("made meter " + pile + ".meter") < events.indexOf("made pile " + pile));
            assertTrue(events.indexOf("made relay " + pile + ".relay") < events.indexOf("made pile " + pile));
        }
        assertEquals(45, piles.running().size());
    }

    private PileLayout layout() {
        PileLayout layout = new PileLayout(configurationAdmin(), new ManualThreads(), config());
        layout.bindFactory(meters, named(PileFactories.MODBUS_METER));
        layout.bindFactory(relays, named(PileFactories.MODBUS_RELAY));
        layout.bindFactory(piles, named(PileFactories.PILE));
        return layout;
    }

    private void table(String... lines) throws Exception {
        Path file = etc.resolve("pilegate-piles.csv");
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.from(Instant.EPOCH);
        Files.write(file, List.of(lines));
        // a file system's clock may be coarse: make every write a change
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
    }

    private void configure(String pid, Map<String, Object> values) {
        Dictionary<String, Object> properties = new Hashtable<>(values);
        properties.put("service.pid", pid);
        properties.put("service.factoryPid", pid.substring(0, pid.indexOf('~')));
        store.put(pid, properties);
    }

    /** The service properties a factory of that name is offered with. */
    private static Map<String, Object> named(String factory) {
        return Map.of(ComponentConstants.COMPONENT_FACTORY, factory);
    }

    private static PileLayout.Config config() {
        return new PileLayout.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PileLayout.Config.class;
            }

            @Override
            public String file() {
                return "pilegate-piles.csv";
            }

            @Override
            public int checkIntervalS() {
                return 5;
            }
        };
    }

    /** Answers searches and deletes; anything that would write a configuration fails the test. */
    private ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "listConfigurations" -> {
                        var filter = FrameworkUtil.createFilter((String) args[0]);
                        Configuration[] found = store.entrySet().stream().filter(e -> filter.match(e.getValue()))
                                .map(e -> configuration(e.getKey())).toArray(Configuration[]::new);
                        yield found.length == 0 ? null : found;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> pid.substring(0, pid.indexOf('~'));
                    case "getProperties" -> store.get(pid);
                    case "delete" -> {
                        store.remove(pid);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static ConfigurationEvent event(int type, String pid) {
        ServiceReference<ConfigurationAdmin> admin = (ServiceReference<ConfigurationAdmin>) Proxy.newProxyInstance(
                PileLayoutTest.class.getClassLoader(), new Class<?>[] {ServiceReference.class}, (proxy, method,
                        args) -> null);
        return new ConfigurationEvent(admin, type, pid.substring(0, pid.indexOf('~')), pid);
    }

    /** A component factory as SCR offers one; {@link #goAway} disposes every instance, as SCR does. */
    private final class Factory implements ComponentFactory<Object> {

        final String kind;
        final Set<String> failing = new HashSet<>();
        int attempts;
        private final List<Instance> made = new ArrayList<>();

        Factory(String kind) {
            this.kind = kind;
        }

        @Override
        public ComponentInstance<Object> newInstance(Dictionary<String, ?> properties) {
            attempts++;
            Map<String, Object> values = new HashMap<>();
            for (var keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                values.put(key, properties.get(key));
            }
            if (failing.contains(values.get("id"))) {
                throw new ComponentException("Failed activating component");
            }
            Instance instance = new Instance(this, values);
            made.add(instance);
            events.add("made " + kind + " " + values.get("id"));
            return instance;
        }

        List<String> running() {
            return made.stream().filter(instance -> !instance.disposed).map(Instance::id).sorted().toList();
        }

        Map<String, Object> properties(String id) {
            return made.stream().filter(instance -> !instance.disposed && instance.id().equals(id)).findFirst()
                    .orElseThrow().properties;
        }

        void goAway() {
            made.forEach(instance -> instance.disposed = true);
        }
    }

    private final class Instance implements ComponentInstance<Object> {

        final Factory factory;
        final Map<String, Object> properties;
        boolean disposed;

        Instance(Factory factory, Map<String, Object> properties) {
            this.factory = factory;
            this.properties = properties;
        }

        String id() {
            return (String) properties.get("id");
        }

        @Override
        public void dispose() {
            if (!disposed) {
                disposed = true;
                events.add("disposed " + factory.kind + " " + id());
            }
        }

        @Override
        public Object getInstance() {
            return disposed ? null : this;
        }
    }

    /** Workers that run a step only when the test says, one at a time in the order handed over. */
    private static final class SteppedThreads implements GatewayThreads {

        private final Deque<Runnable> line = new ArrayDeque<>();
        private final ManualThreads timers = new ManualThreads();

        boolean runNext() {
            Runnable next = line.poll();
            if (next != null) {
                next.run();
            }
            return next != null;
        }

        @Override
        public Executor workers() {
            return line::add;
        }

        @Override
        public Executor background() {
            return line::add;
        }

        @Override
        public Duration backlog() {
            return Duration.ZERO;
        }

        @Override
        public Scheduled after(Duration delay, Runnable task) {
            return timers.after(delay, task);
        }

        @Override
        public Scheduled every(Duration initialDelay, Duration period, Runnable task) {
            return timers.every(initialDelay, period, task);
        }
    }
}
