package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one phase's requests did: answers and failures counted always, latencies kept while recording. Every
 * latency of the measured window is kept, not a sample, so the percentiles are exact.
 */
final class Tally {

    /** Latency percentiles over the recorded window. */
    record Latency(Duration p50, Duration p99) {
    }

    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private volatile boolean recording;
    private long[] latencies = new long[1 << 16];
    private int samples;

    void onAnswer(long latencyNanos) {
        answered.increment();
        if (recording) {
            add(latencyNanos);
        }
    }

    void onFailure() {
        failed.increment();
    }

    long answered() {
        return answered.sum();
    }

    long failed() {
        return failed.sum();
    }

    /** Forgets earlier latencies and keeps those from now on. */
    synchronized void startRecording() {
        samples = 0;
        recording = true;
    }

    void stopRecording() {
        recording = false;
    }

    /** Nearest-rank percentiles of the recorded latencies; empty if nothing was answered meanwhile. */
    synchronized Optional<Latency> latency() {
        if (samples == 0) {
            return Optional.empty();
        }
        long[] sorted = Arrays.copyOf(latencies, samples);
        Arrays.sort(sorted);
        return Optional.of(new Latency(percentile(sorted, 50), percentile(sorted, 99)));
    }

    private synchronized void add(long latencyNanos) {
        if (samples == latencies.length) {
            latencies = Arrays.copyOf(latencies, 2 * samples);
        }
        latencies[samples++] = latencyNanos;
    }

    private static Duration percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }
}
