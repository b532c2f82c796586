package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.ErrorKind;

class MetricsRecorderTest {

    private final MetricsRecorder recorder = new MetricsRecorder();

    @Test
    void countsEverything() {
        recorder.requested();
        recorder.requested();
        recorder.requested();
        recorder.succeeded(1_000_000);
        recorder.failed(ErrorKind.TIMEOUT);
        recorder.failed(ErrorKind.TIMEOUT);
        recorder.failed(ErrorKind.SLAVE);
        recorder.retried();
        recorder.reconnected();
        EndpointMetrics metrics = recorder.snapshot();
        assertEquals(3, metrics.requests());
        assertEquals(1, metrics.successes());
        assertEquals(Map.of(ErrorKind.TIMEOUT, 2L, ErrorKind.SLAVE, 1L), metrics.errors());
        assertEquals(0, metrics.errors(ErrorKind.IO));
        assertEquals(1, metrics.retries());
        assertEquals(1, metrics.reconnects());
    }

    @Test
    void percentilesByNearestRank() {
        for (int ms = 100; ms >= 1; ms--) {
            recorder.succeeded(Duration.ofMillis(ms).toNanos());
        }
        EndpointMetrics metrics = recorder.snapshot();
        assertEquals(Duration.ofMillis(50), metrics.latencyP50());
        assertEquals(Duration.ofMillis(99), metrics.latencyP99());
    }

    @Test
    void percentilesCoverOnlyTheRecentWindow() {
        for (int i = 0; i < MetricsRecorder.LATENCY_WINDOW; i++) {
            recorder.succeeded(Duration.ofSeconds(10).toNanos());
        }
        for (int i = 0; i < MetricsRecorder.LATENCY_WINDOW; i++) {
            recorder.succeeded(Duration.ofMillis(3).toNanos());
        }
        EndpointMetrics metrics = recorder.snapshot();
        assertEquals(Duration.ofMillis(3), metrics.latencyP99());
        assertEquals(2L * MetricsRecorder.LATENCY_WINDOW, metrics.successes());
    }

    @Test
    void noSuccessMeansZeroLatency() {
        assertEquals(Duration.ZERO, recorder.snapshot().latencyP50());
        assertEquals(Duration.ZERO, recorder.snapshot().latencyP99());
    }
}
