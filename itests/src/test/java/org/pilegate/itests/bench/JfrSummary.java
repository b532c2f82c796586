package org.pilegate.itests.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of the gateway says about where its time goes, as Markdown: CPU of the machine and the
 * gateway, execution samples by thread family, by library and by method (the top frame, and the innermost pilegate
 * frame above it), contended monitors, garbage collection and the largest allocators. The raw recording stays in the
 * work folder for {@code jfr print} or JDK Mission Control.
 */
public final class JfrSummary {

    private static final int TOP = 12;
    private static final String OURS = "org.pilegate.";

    private final Map<String, Long> samplesByThread = new HashMap<>();
    private final Map<String, Long> samplesByLibrary = new HashMap<>();
    private final Map<String, Long> samplesByTopFrame = new HashMap<>();
    private final Map<String, Long> samplesByOurFrame = new HashMap<>();
    private final Map<String, Duration> contentionByMonitor = new HashMap<>();
    private final Map<String, Long> contentionCount = new HashMap<>();
    private final Map<String, Long> allocationByClass = new HashMap<>();
    private final Map<String, Long> allocationByOurFrame = new HashMap<>();
    /**
     * CPU seconds by thread family, from each thread's jdk.ThreadCPULoad times the time since its previous one: what
     * the threads used, where execution samples show which threads were in Java code, running or waiting for a core.
     */
    private final Map<String, Double> cpuSecondsByThread = new HashMap<>();
    private final Map<Long, java.time.Instant> lastCpuLoad = new HashMap<>();
    private java.time.Instant first;
    private java.time.Instant last;
    private int cores;
    private long samples;
    private double jvmCpuSum;
    private double machineCpuSum;
    private long cpuLoads;
    private long collections;
    private Duration pauses = Duration.ZERO;
    private Duration longestPause = Duration.ZERO;
    private long heapUsedAfterGcMax;
    private long heapCommittedMax;
    private long metaspaceCommittedMax;
    private long fileForces;
    private Duration fileForceTime = Duration.ZERO;

    static String of(Path recording, int cores) throws IOException {
        JfrSummary summary = new JfrSummary();
        summary.cores = cores;
        List<RecordedEvent> events = new java.util.ArrayList<>(RecordingFile.readAllEvents(recording));
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));
        for (RecordedEvent event : events) {
            summary.add(event);
        }
        return summary.render(recording, cores);
    }

    private void add(RecordedEvent event) {
        switch (event.getEventType().getName()) {
            case "jdk.ThreadCPULoad" -> {
                // the span these periodic events cover; other events may have begun long before the recording
                if (first == null) {
                    first = event.getStartTime();
                }
                last = event.getStartTime();
                RecordedThread thread = event.getThread("eventThread");
                if (thread != null) {
                    java.time.Instant previous = lastCpuLoad.put(thread.getId(), event.getStartTime());
                    if (previous != null) {
                        double seconds = Duration.between(previous, event.getStartTime()).toNanos() / 1e9;
                        cpuSecondsByThread.merge(family(thread), (event.getFloat("user") + event.getFloat("system"))
                                * cores * seconds, Double::sum);
                    }
                }
            }
            case "jdk.ExecutionSample" -> {
                samples++;
                increment(samplesByThread, family(event.getThread("sampledThread")));
                RecordedStackTrace stack = event.getStackTrace();
                if (stack != null && !stack.getFrames().isEmpty()) {
                    RecordedMethod top = stack.getFrames().get(0).getMethod();
                    increment(samplesByTopFrame, name(top));
                    increment(samplesByLibrary, library(top.getType().getName()));
                    increment(samplesByOurFrame, ourFrame(stack).orElse("(no pilegate frame)"));
                }
            }
            case "jdk.CPULoad" -> {
                jvmCpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                machineCpuSum += event.getFloat("machineTotal");
                cpuLoads++;
            }
            case "jdk.JavaMonitorEnter" -> {
                String monitor = event.getClass("monitorClass").getName() + " at " + topFrame(event.getStackTrace())
                        + " from " + ourFrame(event.getStackTrace()).orElse("(no pilegate frame)");
                contentionByMonitor.merge(monitor, event.getDuration(), Duration::plus);
                increment(contentionCount, monitor);
            }
            case "jdk.GarbageCollection" -> {
                collections++;
                Duration paused = event.getDuration("sumOfPauses");
                pauses = pauses.plus(paused);
                if (paused.compareTo(longestPause) > 0) {
                    longestPause = paused;
                }
            }
            case "jdk.GCHeapSummary" -> {
                if ("After GC".equals(event.getString("when"))) {
                    heapUsedAfterGcMax = Math.max(heapUsedAfterGcMax, event.getLong("heapUsed"));
                }
                heapCommittedMax = Math.max(heapCommittedMax,
                        ((jdk.jfr.consumer.RecordedObject) event.getValue("heapSpace")).getLong("committedSize"));
            }
            case "jdk.MetaspaceSummary" -> metaspaceCommittedMax = Math.max(metaspaceCommittedMax,
                    ((jdk.jfr.consumer.RecordedObject) event.getValue("metaspace")).getLong("committed"));
            case "jdk.FileForce" -> {
                fileForces++;
                fileForceTime = fileForceTime.plus(event.getDuration());
            }
            case "jdk.ObjectAllocationSample" -> {
                allocationByClass.merge(event.getClass("objectClass").getName(), event.getLong("weight"), Long::sum);
                allocationByOurFrame.merge(ourFrame(event.getStackTrace()).orElse("(no pilegate frame)"),
                        event.getLong("weight"), Long::sum);
            }
            default -> {
                // not summarised
            }
        }
    }

    private String render(Path recording, int cores) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Recording `%s` (JFR settings `profile`): %d execution samples.",
                recording.getFileName(), samples));
        if (cpuLoads > 0) {
            out.append(String.format(Locale.ROOT, " CPU (jdk.CPULoad, mean): the gateway's JVM %.2f of %d cores,"
                    + " the whole machine %.0f %% busy.", jvmCpuSum / cpuLoads * cores, cores,
                    machineCpuSum / cpuLoads * 100));
        }
        out.append(String.format(Locale.ROOT, " Garbage collection: %d collections, %d ms paused in all, the longest"
                + " %d ms; heap used after a collection at most %d MiB, heap committed at most %d MiB, metaspace"
                + " committed %d MiB.", collections, pauses.toMillis(), longestPause.toMillis(), heapUsedAfterGcMax >> 20,
                heapCommittedMax >> 20, metaspaceCommittedMax >> 20));
        if (fileForces > 0) {
            out.append(String.format(Locale.ROOT, " Slow fsyncs (jdk.FileForce over its threshold): %d, %d ms.",
                    fileForces, fileForceTime.toMillis()));
        }
        out.append("\n\n");
        if (!cpuSecondsByThread.isEmpty()) {
            double seconds = Duration.between(first, last).toNanos() / 1e9;
            double total = cpuSecondsByThread.values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "| CPU by thread (jdk.ThreadCPULoad, digits folded), %.2f cores in"
                    + " all | cores | share |%n|---|--:|--:|%n", total / seconds));
            cpuSecondsByThread.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(TOP).forEach(entry -> out.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f %% |%n",
                            entry.getKey(), entry.getValue() / seconds, 100 * entry.getValue() / total)));
            out.append('\n');
        }
        table(out, "execution samples by thread (digits folded)", samplesByThread, samples);
        table(out, "execution samples by the top frame's package", samplesByLibrary, samples);
        table(out, "execution samples by top frame (method)", samplesByTopFrame, samples);
        table(out, "execution samples by the innermost pilegate frame on the stack", samplesByOurFrame, samples);
        if (!contentionByMonitor.isEmpty()) {
            out.append("| contended monitor (jdk.JavaMonitorEnter), where | entries | blocked ms |\n|---|--:|--:|\n");
            top(contentionByMonitor, Comparator.comparing(Map.Entry<String, Duration>::getValue).reversed())
                    .forEach(entry -> out.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", entry.getKey(),
                            contentionCount.get(entry.getKey()), entry.getValue().toMillis())));
            out.append('\n');
        }
        allocationTable(out, "allocated class", allocationByClass);
        allocationTable(out, "allocated under the innermost pilegate frame", allocationByOurFrame);
        return out.toString();
    }

    private static void allocationTable(StringBuilder out, String title, Map<String, Long> bytes) {
        if (bytes.isEmpty()) {
            return;
        }
        long total = bytes.values().stream().mapToLong(Long::longValue).sum();
        out.append(String.format(Locale.ROOT, "| %s (jdk.ObjectAllocationSample, %d MiB in all) | MiB | share |%n"
                + "|---|--:|--:|%n", title, total >> 20));
        top(bytes, Map.Entry.<String, Long>comparingByValue().reversed()).forEach(entry -> out.append(String.format(
                Locale.ROOT, "| %s | %d | %.1f %% |%n", entry.getKey(), entry.getValue() >> 20,
                100.0 * entry.getValue() / total)));
        out.append('\n');
    }

    /** Prints the summary of the recordings named: {@code java … JfrSummary gateway.jfr}. */
    public static void main(String... recordings) throws IOException {
        for (String recording : recordings) {
            System.out.println(of(Path.of(recording), Runtime.getRuntime().availableProcessors()));
        }
    }

    private static void table(StringBuilder out, String title, Map<String, Long> counts, long total) {
        out.append("| ").append(title).append(" | samples | share |\n|---|--:|--:|\n");
        top(counts, Map.Entry.<String, Long>comparingByValue().reversed()).forEach(entry -> out.append(
                String.format(Locale.ROOT, "| %s | %d | %.1f %% |%n", entry.getKey(), entry.getValue(),
                        100.0 * entry.getValue() / Math.max(total, 1))));
        out.append('\n');
    }

    private static <V> List<Map.Entry<String, V>> top(Map<String, V> values,
            Comparator<Map.Entry<String, V>> order) {
        return values.entrySet().stream().sorted(order).limit(TOP).toList();
    }

    private static Optional<String> ourFrame(RecordedStackTrace stack) {
        if (stack == null) {
            return Optional.empty();
        }
        return stack.getFrames().stream().map(RecordedFrame::getMethod)
                .filter(method -> method.getType().getName().startsWith(OURS)).findFirst().map(JfrSummary::name);
    }

    private static String topFrame(RecordedStackTrace stack) {
        return stack == null || stack.getFrames().isEmpty() ? "(no stack)" : name(stack.getFrames().get(0).getMethod());
    }

    private static String name(RecordedMethod method) {
        String type = method.getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + method.getName();
    }

    /** The first three parts of a package: io.vertx.core, org.h2.mvstore, java.util.concurrent. */
    private static String library(String type) {
        String[] parts = type.split("\\.");
        int kept = Math.min(3, parts.length - 1);
        return kept <= 0 ? "(default package)" : String.join(".", List.of(parts).subList(0, kept));
    }

    /** Thread names with their numbers folded, so that a pool shows as one line: vert.x-eventloop-thread-#. */
    private static String family(RecordedThread thread) {
        String name = thread == null ? null : Optional.ofNullable(thread.getJavaName()).orElse(thread.getOSName());
        return name == null ? "(unknown)" : name.replaceAll("\\d+", "#");
    }

    private static void increment(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }
}
