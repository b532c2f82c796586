package org.pilegate.modbus.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TallyTest {

    private final Tally tally = new Tally();

    @Test
    void percentilesAreNearestRankOverTheRecordedWindowOnly() {
        tally.onAnswer(Duration.ofSeconds(9).toNanos());
        tally.startRecording();
        for (int millis = 100_000; millis >= 1; millis--) {
            tally.onAnswer(Duration.ofMillis(millis).toNanos());
        }
        tally.stopRecording();
        tally.onAnswer(Duration.ofSeconds(9).toNanos());

        assertEquals(new Tally.Latency(Duration.ofMillis(50_000), Duration.ofMillis(99_000)),
                tally.latency().orElseThrow());
        assertEquals(100_002, tally.answered());
    }

    @Test
    void noLatencyWithoutAnswers() {
        tally.startRecording();
        tally.onFailure();

        assertTrue(tally.latency().isEmpty());
        assertEquals(1, tally.failed());
    }
}
