package org.pilegate.modbus.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.ErrorKind;

/** Counters of one endpoint, with latency percentiles over a window of the most recent successes. */
final class MetricsRecorder {

    static final int LATENCY_WINDOW = 1024;

    private final long[] latencies = new long[LATENCY_WINDOW];
    private final Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
    private int samples;
    private long requests;
    private long successes;
    private long retries;
    private long reconnects;

    synchronized void requested() {
        requests++;
    }

    synchronized void succeeded(long latencyNanos) {
        successes++;
        latencies[(int) (successes % LATENCY_WINDOW)] = latencyNanos;
        samples = Math.min(samples + 1, LATENCY_WINDOW);
    }

    synchronized void failed(ErrorKind kind) {
        errors.merge(kind, 1L, Long::sum);
    }

    synchronized void retried() {
        retries++;
    }

    synchronized void reconnected() {
        reconnects++;
    }

    synchronized EndpointMetrics snapshot() {
        long[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        return new EndpointMetrics(requests, successes, errors, retries, reconnects, percentile(sorted, 50),
                percentile(sorted, 99));
    }

    /** Nearest-rank percentile; zero without samples. */
    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }
}
