package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;

class PileSetupTest {

    private static final Map<String, Object> PROPERTIES = Map.of("service.pid", "org.pilegate.pile~bay-07");

    /** The configuration as DS would hand it over. */
    private record TestConfig(String id, String meter, String relay, int graceMs, int maxCurrentA, int phases,
            int voltageV, int idleFinishS) implements PileConfig {

        static TestConfig good() {
            return new TestConfig("bay-07", "bay-07.meter", "bay-07.relay", 10_000, 32, 3, 230, 900);
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return PileConfig.class;
        }
    }

    @Test
    void aGoodConfigurationIsTakenAsItIs() {
        PileSetup setup = PileSetup.of(TestConfig.good(), PROPERTIES);

        assertEquals(new PileId("bay-07"), setup.id());
        assertEquals(Duration.ofSeconds(10), setup.grace());
        assertEquals(new DepotShares.Supply(32, 3, 230), setup.supply());
    }

    @Test
    void everyWrongValueIsNamedWithThePidAndKey() {
        TestConfig good = TestConfig.good();
        assertRefused("id: pile id must match [A-Za-z0-9._-]{1,64}: 'bay 07'", new TestConfig("bay 07", good.meter(),
                good.relay(), 10_000, 32, 3, 230, 900));
        assertRefused("meter: required, but missing", new TestConfig("bay-07", " ", good.relay(), 10_000, 32, 3,
                230, 900));
        assertRefused("graceMs: must be at least 1000 ms, not 999", new TestConfig("bay-07", good.meter(),
                good.relay(), 999, 32, 3, 230, 900));
        assertRefused("maxCurrentA: must be 6..1000 A, not 5", new TestConfig("bay-07", good.meter(), good.relay(),
                10_000, 5, 3, 230, 900));
        assertRefused("phases: must be 1 or 3, not 2", new TestConfig("bay-07", good.meter(), good.relay(), 10_000,
                32, 2, 230, 900));
        assertRefused("voltageV: must be 100..500 V, not 690", new TestConfig("bay-07", good.meter(), good.relay(),
                10_000, 32, 3, 690, 900));
        assertRefused("idleFinishS: must be at least 1 s, not 0", new TestConfig("bay-07", good.meter(),
                good.relay(), 10_000, 32, 3, 230, 0));
    }

    private static void assertRefused(String why, PileConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PileSetup.of(config, PROPERTIES));
        assertEquals("configuration org.pilegate.pile~bay-07: " + why, e.getMessage());
    }
}
