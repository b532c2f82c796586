package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process's CPU time so far by group of threads, user and system apart, from Linux's /proc/[pid]/task: what a
 * sampling profiler does not see (system calls, the JIT compiler, the collector) shows here. A group is a thread name
 * without its number ({@code modbus-net-1-2} and {@code modbus-net-1-1} are {@code modbus-net}). Threads that ended
 * between two snapshots are not counted.
 *
 * @param ticks per group, its threads' {@code utime} and {@code stime}
 */
record ThreadCpu(Map<String, long[]> ticks, long nanoTime) {

    /** A group's share over a phase, in cores. */
    record Share(double user, double system) {

        double total() {
            return user + system;
        }
    }

    static ThreadCpu of(long pid) {
        Map<String, long[]> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    long[] thread = ProcessStats.userAndSystemTicks(stat);
                    long[] group = ticks.computeIfAbsent(group(name), ignored -> new long[2]);
                    group[0] += thread[0];
                    group[1] += thread[1];
                } catch (IOException ended) {
                    // the thread ended while the list was read
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " cannot be read in /proc (gone?)", e);
        }
        return new ThreadCpu(ticks, System.nanoTime());
    }

    /** The thread name without its trailing number and separators; Linux cuts names at 15 characters. */
    static String group(String threadName) {
        String group = threadName.replaceAll("[-#\\s\\d]+$", "");
        return group.isEmpty() ? threadName : group;
    }

    /** Cores each group used from {@code earlier} to this. */
    Map<String, Share> since(ThreadCpu earlier) {
        double ticksInPhase = (nanoTime - earlier.nanoTime) / 1e9 * ProcessStats.CLOCK_TICKS_PER_SECOND;
        Map<String, Share> shares = new HashMap<>();
        ticks.forEach((group, now) -> {
            long[] before = earlier.ticks.getOrDefault(group, new long[2]);
            shares.put(group, new Share(Math.max(0, now[0] - before[0]) / ticksInPhase,
                    Math.max(0, now[1] - before[1]) / ticksInPhase));
        });
        return shares;
    }
}
