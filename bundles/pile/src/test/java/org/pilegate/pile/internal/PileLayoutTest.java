package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.work.ManualThreads;

class PileLayoutTest {

    private static final String HEADER = "id, meter.port, meter.unitId, relay.port, relay.unitId";

    @TempDir
    Path etc;

    /** pid → properties: Configuration Admin's store, in memory. */
    private final Map<String, Dictionary<String, Object>> store = new TreeMap<>();
    private final AtomicInteger writes = new AtomicInteger();
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
    void everyRowBecomesThreeConfigurationsAndARemovedRowLosesThem() throws Exception {
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        PileLayout layout = layout();
        assertEquals(List.of("org.pilegate.meter.modbus~bay-01", "org.pilegate.meter.modbus~bay-02",
                "org.pilegate.pile~bay-01", "org.pilegate.pile~bay-02", "org.pilegate.relay.modbus~bay-01",
                "org.pilegate.relay.modbus~bay-02"), List.copyOf(store.keySet()));
        Dictionary<String, Object> meter = store.get("org.pilegate.meter.modbus~bay-02");
        assertEquals("bay-02.meter", meter.get("id"));
        assertEquals("3", meter.get("unitId"));
        assertEquals("pilegate-piles.csv", meter.get(PileLayout.TABLE));
        assertEquals("bay-01.relay", store.get("org.pilegate.pile~bay-01").get("relay"));
        assertEquals(6, writes.get());

        // read again unchanged: nothing is written, so no pile restarts
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4");
        layout.check();
        assertEquals(6, writes.get());

        table(HEADER, "bay-02, 502, 3, 502, 5");
        layout.check();
        assertEquals(List.of("org.pilegate.meter.modbus~bay-02", "org.pilegate.pile~bay-02",
                "org.pilegate.relay.modbus~bay-02"), List.copyOf(store.keySet()));
        assertEquals("5", store.get("org.pilegate.relay.modbus~bay-02").get("unitId"));
        assertEquals(7, writes.get());
    }

    @Test
    void aTableWithAnErrorRemovesNothingAndAFileOrSimulatedPileIsNotTakenOver() throws Exception {
        Dictionary<String, Object> fromFile = new Hashtable<>(Map.of("id", "bay-09",
                "felix.fileinstall.filename", "file:/etc/org.pilegate.pile-bay-09.cfg"));
        store.put("org.pilegate.pile~bay-09", fromFile);
        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502, 3, 502, 4", "bay-09, 502, 5, 502, 6");
        PileLayout layout = layout();
        assertEquals(7, store.size(), store.keySet().toString());
        assertTrue(store.get("org.pilegate.pile~bay-09") == fromFile, "a pile from a file keeps its configuration");

        table(HEADER, "bay-01, 502, 1, 502, 2", "bay-02, 502");
        layout.check();
        assertEquals(7, store.size(), "a row that cannot be read is not a pile removed");

        Files.delete(etc.resolve("pilegate-piles.csv"));
        layout.check();
        assertEquals(List.of("org.pilegate.pile~bay-09"), List.copyOf(store.keySet()));
    }

    private PileLayout layout() {
        return new PileLayout(configurationAdmin(), new ManualThreads(), config());
    }

    private void table(String... lines) throws Exception {
        Path file = etc.resolve("pilegate-piles.csv");
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.from(Instant.EPOCH);
        Files.write(file, List.of(lines));
        // a file system's clock may be coarse: make every write a change
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
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

    private ConfigurationAdmin configurationAdmin() {
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1]);
                    case "listConfigurations" -> {
                        assertEquals("(" + PileLayout.TABLE + "=*)", args[0]);
                        yield store.entrySet().stream().filter(e -> e.getValue().get(PileLayout.TABLE) != null)
                                .map(e -> configuration(e.getKey())).toArray(Configuration[]::new);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getProperties" -> store.get(pid);
                    case "updateIfDifferent" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> next = (Dictionary<String, Object>) args[0];
                        Dictionary<String, Object> present = store.get(pid);
                        if (present != null && asMap(present).equals(asMap(next))) {
                            yield false;
                        }
                        store.put(pid, next);
                        writes.incrementAndGet();
                        yield true;
                    }
                    case "delete" -> {
                        store.remove(pid);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> dictionary) {
        Map<String, Object> map = new HashMap<>();
        for (var keys = dictionary.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            map.put(key, dictionary.get(key));
        }
        return map;
    }
}
