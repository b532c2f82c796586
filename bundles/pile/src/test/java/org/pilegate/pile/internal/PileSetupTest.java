package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PileWiring;

class PileSetupTest {

    private static final Map<String, Object> PROPERTIES = Map.of("service.pid", "org.pilegate.pile~bay-07");

    /** The configuration as DS would hand it over. */
    private record TestConfig(String id, String meter, String relay, int graceMs, int maxCurrentA, int phases,
            int voltageV, int idleFinishS) implements PileConfig {

        static TestConfig good() {
            return new TestConfig("bay-07", "bay-07.meter", "bay-07.relay", 10_000, 32, 3, 230, 900);
        }

        @Override
        public String feeder() {
            return "grid";
        }

        @Override
        public String phaseRotation() {
            return "";
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

    @Test
    void aPileIsWiredToItsFeederWithItsPhaseRotation() {
        PileSetup rotated = PileSetup.of(new Wired(TestConfig.good(), "board-b", "L2L3L1"), PROPERTIES);
        assertEquals(new PileWiring("board-b", List.of(Phase.L2, Phase.L3, Phase.L1)), rotated.supply().wiring());

        assertRefused("phaseRotation: names 1 phase(s) for a pile on 3: L2", new Wired(TestConfig.good(), "grid",
                "L2"));
        assertRefused("phaseRotation: phase L1 appears twice in 'L1L1L2'", new Wired(TestConfig.good(), "grid",
                "L1L1L2"));
        assertRefused("feeder: required: grid, or a feeder of the site", new Wired(TestConfig.good(), " ", ""));
    }

    /** A configuration with a feeder and a phase rotation. */
    private record Wired(PileConfig base, String feeder, String phaseRotation) implements PileConfig {

        @Override
        public String id() {
            return base.id();
        }

        @Override
        public String meter() {
            return base.meter();
        }

        @Override
        public String relay() {
            return base.relay();
        }

        @Override
        public int graceMs() {
            return base.graceMs();
        }

        @Override
        public int maxCurrentA() {
            return base.maxCurrentA();
        }

        @Override
        public int phases() {
            return base.phases();
        }

        @Override
        public int voltageV() {
            return base.voltageV();
        }

        @Override
        public int idleFinishS() {
            return base.idleFinishS();
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return PileConfig.class;
        }
    }

    private static void assertRefused(String why, PileConfig config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PileSetup.of(config, PROPERTIES));
        assertEquals("configuration org.pilegate.pile~bay-07: " + why, e.getMessage());
    }
}
