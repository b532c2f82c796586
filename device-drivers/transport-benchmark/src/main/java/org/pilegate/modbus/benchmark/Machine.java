package org.pilegate.modbus.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

/**
 * What the results were measured on.
 *
 * @param cpus processors available to the JVM, which honours container limits
 * @param cpuModel from /proc/cpuinfo, or the architecture where there is none
 * @param loadAverage the system's one-minute load average when the run started, negative where the OS has none
 */
record Machine(int cpus, String cpuModel, long memoryBytes, String java, String os, double loadAverage) {

    static Machine current() {
        OperatingSystemMXBean bean = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(),
                bean.getTotalMemorySize(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"), bean.getSystemLoadAverage());
    }

    String describe() {
        return String.format(Locale.ROOT, "%d CPUs (%s), %.1f GiB memory, %s; Java %s; load average %.2f at the start",
                cpus, cpuModel, memoryBytes / (double) (1L << 30), os, java, loadAverage);
    }

    private static String readCpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }
}
