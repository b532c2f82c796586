package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.TcpEndpoint;

class BeatTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final long MS = 1_000_000;
    private static final ModbusEndpoint GATEWAY = new TcpEndpoint("10.0.7.3", 502);

    @Test
    void anEndpointsPollsStartedAtDifferentTimesFallDueTogether() {
        assertEquals(0, Math.floorMod(firstRun(7_900 * MS) - firstRun(7_250 * MS), SECOND.toNanos()));
    }

    @Test
    void theFirstBeatIsAtOrAfterTheDelayAndWithinOnePeriodOfIt() {
        for (long now = 0; now < 3_000 * MS; now += 37 * MS) {
            long wait = Beat.nanosToFirstBeat(GATEWAY, Duration.ofMillis(800), Duration.ofMillis(500), now);
            assertTrue(wait >= 800 * MS && wait < 1_300 * MS, "waits " + wait + " ns from " + now);
        }
    }

    @Test
    void negativeNanoTimeValuesKeepTheSameBeat() {
        assertEquals(0, Math.floorMod(firstRun(4_750 * MS) - firstRun(-1_250 * MS), SECOND.toNanos()));
    }

    @Test
    void endpointsBeatInPhasesSpreadOverThePeriod() {
        Set<Long> tenthsOfTheSecond = new TreeSet<>();
        IntStream.range(0, 200).forEach(port -> tenthsOfTheSecond.add(
                Beat.nanosToFirstBeat(new TcpEndpoint("127.0.0.1", 20_020 + port), Duration.ZERO, SECOND, 0)
                        / (100 * MS)));
        assertEquals(10, tenthsOfTheSecond.size(), "200 endpoints leave a tenth of the second empty: "
                + tenthsOfTheSecond);
    }

    /** When a poll of the gateway every second, started at {@code startNanos}, first runs. */
    private static long firstRun(long startNanos) {
        return startNanos + Beat.nanosToFirstBeat(GATEWAY, Duration.ZERO, SECOND, startNanos);
    }
}
