package org.pilegate.modbus.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import com.sun.management.OperatingSystemMXBean;

/**
 * Times a phase's window: its answers per second, what CPU both processes, and the machine as a whole, spent
 * meanwhile, and the most threads the benchmark process had. The machine's figure shows whether anything else
 * competed for the cores.
 */
final class Probe {

    private record Snapshot(long wallNanos, long gatewayCpuNanos, Optional<Duration> simulatorCpu,
            Optional<MachineTicks> machine, long answered, long failed) {
    }

    /** The kernel's CPU counters summed over all CPUs (/proc/stat), in clock ticks. */
    private record MachineTicks(long busy, long total, int cpus) {
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");
    // user, nice, system, idle, iowait, irq, softirq, steal; guest time is already counted in user
    private static final int COUNTED_FIELDS = 8;
    private static final int IDLE = 3;
    private static final int IOWAIT = 4;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final SimulatorProcess simulator;

    Probe(SimulatorProcess simulator) {
        this.simulator = simulator;
    }

    /** Waits out {@code warmup} while {@code tally} is already counting, then measures {@code window}. */
    Measurement measure(Tally tally, Duration warmup, Duration window) throws InterruptedException {
        Thread.sleep(warmup.toMillis());
        Snapshot start = snapshot(tally);
        threads.resetPeakThreadCount();
        tally.startRecording();
        Thread.sleep(window.toMillis());
        tally.stopRecording();
        Snapshot end = snapshot(tally);
        double seconds = (end.wallNanos() - start.wallNanos()) / 1e9;
        OptionalDouble simulatorCores = start.simulatorCpu().isPresent() && end.simulatorCpu().isPresent()
                ? OptionalDouble.of(end.simulatorCpu().get().minus(start.simulatorCpu().get()).toNanos() / 1e9
                        / seconds)
                : OptionalDouble.empty();
        OptionalDouble machineCores = start.machine().isPresent() && end.machine().isPresent()
                ? OptionalDouble.of(busyCores(start.machine().get(), end.machine().get()))
                : OptionalDouble.empty();
        return new Measurement((end.answered() - start.answered()) / seconds, end.failed() - start.failed(),
                tally.latency(), (end.gatewayCpuNanos() - start.gatewayCpuNanos()) / 1e9 / seconds,
                simulatorCores, machineCores, threads.getPeakThreadCount());
    }

    private Snapshot snapshot(Tally tally) {
        return new Snapshot(System.nanoTime(), os.getProcessCpuTime(), simulator.cpuTime(), machineTicks(),
                tally.answered(), tally.failed());
    }

    /** Cores busy on average: the busy share of all CPUs' ticks, times the CPUs. */
    private static double busyCores(MachineTicks start, MachineTicks end) {
        return (double) (end.busy() - start.busy()) / (end.total() - start.total()) * end.cpus();
    }

    /** Empty where there is no /proc/stat, i.e. off Linux. */
    private static Optional<MachineTicks> machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            long[] ticks = Arrays.stream(lines.get(0).trim().split("\\s+"))
                    .skip(1)
                    .limit(COUNTED_FIELDS)
                    .mapToLong(Long::parseLong)
                    .toArray();
            long total = Arrays.stream(ticks).sum();
            int cpus = (int) lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
            return Optional.of(new MachineTicks(total - ticks[IDLE] - ticks[IOWAIT], total, cpus));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
