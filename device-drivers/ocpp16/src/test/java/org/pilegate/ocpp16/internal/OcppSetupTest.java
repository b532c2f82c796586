package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class OcppSetupTest {

    @Test
    void theDefaultsAreTaken() {
        assertEquals(new OcppSetup(300, Duration.ofSeconds(30), Duration.ofSeconds(10), 30, 3, 230),
                OcppSetup.of(config(300, 30, 10, 30)));
    }

    @Test
    void aWrongValueIsRefusedNamingThePidTheKeyAndWhy() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OcppSetup.of(config(300, 0, 10, 30)));
        assertEquals("configuration org.pilegate.ocpp16: callTimeoutS: must be 1..300, not 0", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OcppSetup.of(config(5, 30, 10, 30)));
        assertThrows(IllegalArgumentException.class, () -> OcppSetup.of(config(300, 30, -1, 30)));
        assertThrows(IllegalArgumentException.class, () -> OcppSetup.of(config(300, 30, 10, 0)));
    }

    private static OcppConfig config(int heartbeatS, int timeoutS, int identifyS, int refusals) {
        return new OcppConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OcppConfig.class;
            }

            @Override
            public int heartbeatIntervalS() {
                return heartbeatS;
            }

            @Override
            public int callTimeoutS() {
                return timeoutS;
            }

            @Override
            public int identifyWaitS() {
                return identifyS;
            }

            @Override
            public int maxRefusedPerMinute() {
                return refusals;
            }

            @Override
            public int phases() {
                return 3;
            }

            @Override
            public int nominalVoltageV() {
                return 230;
            }
        };
    }
}
