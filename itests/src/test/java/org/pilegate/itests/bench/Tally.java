package org.pilegate.itests.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what went wrong or out of the ordinary, by what it was: refusals by code, closed connections, stalls. */
final class Tally {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String what) {
        counts.computeIfAbsent(what, key -> new LongAdder()).increment();
    }

    /** The counts so far, by what, sorted. */
    Map<String, Long> snapshot() {
        Map<String, Long> now = new TreeMap<>();
        counts.forEach((what, count) -> now.put(what, count.sum()));
        return now;
    }

    /** What was counted after {@code earlier}. */
    static Map<String, Long> since(Map<String, Long> earlier, Map<String, Long> later) {
        Map<String, Long> added = new TreeMap<>();
        later.forEach((what, count) -> {
            long more = count - earlier.getOrDefault(what, 0L);
            if (more > 0) {
                added.put(what, more);
            }
        });
        return added;
    }
}
