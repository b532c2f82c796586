package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one process uses, from Linux's /proc: CPU time so far, resident memory now and at its peak, threads now.
 *
 * @param cpu user and system time of all its threads since it started
 * @param rssKib resident set size (VmRSS)
 * @param peakRssKib the largest resident set size so far (VmHWM)
 * @param threads its threads now
 */
record ProcessStats(Duration cpu, long rssKib, long peakRssKib, int threads, long nanoTime) {

    /** The ticks of {@code utime} and {@code stime} in /proc/[pid]/stat: 100 a second on every Linux port in use. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    static ProcessStats of(long pid) {
        try {
            long[] userAndSystem = userAndSystemTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            long ticks = userAndSystem[0] + userAndSystem[1];
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return new ProcessStats(Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND),
                    field(status, "VmRSS:"), field(status, "VmHWM:"), (int) field(status, "Threads:"),
                    System.nanoTime());
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " cannot be read in /proc (gone?)", e);
        }
    }

    /** {@code utime} and {@code stime} of a process's or thread's stat line, in {@link #CLOCK_TICKS_PER_SECOND}. */
    static long[] userAndSystemTicks(String stat) {
        // the fields after the command, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
    }

    /** Cores used on average from {@code earlier} to this. */
    double coresSince(ProcessStats earlier) {
        return (cpu.toNanos() - earlier.cpu.toNanos()) / (double) (nanoTime - earlier.nanoTime);
    }

    double rssMib() {
        return rssKib / 1024.0;
    }

    double peakRssMib() {
        return peakRssKib / 1024.0;
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1);
    }
}
