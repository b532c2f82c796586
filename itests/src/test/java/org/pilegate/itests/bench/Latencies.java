package org.pilegate.itests.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/** Latencies of one measure, one per pile; all kept, so the percentiles are exact (nearest rank). */
final class Latencies {

    private final long[] sortedNanos;

    private Latencies(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no latencies");
        }
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public static <T> Latencies of(List<T> items, ToLongFunction<T> nanos) {
        return new Latencies(items.stream().mapToLong(nanos).toArray());
    }

    public int count() {
        return sortedNanos.length;
    }

    public double minMillis() {
        return sortedNanos[0] / 1e6;
    }

    public double maxMillis() {
        return sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    public double percentileMillis(int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
