package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Node.js peers of the integration tests (a browser, an OCPP charge point): each folder under itests/ holds a
 * script with its package-lock.json, installed with {@code npm ci} on first use, and run with its output in a log.
 */
final class NodeScripts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScripts() {
    }

    /**
     * The itests module: the gateway under test runs from itests/target/exam/&lt;run&gt; (see
     * {@link PilegateDistribution}). Taken from there rather than from a system property, as the test classes of a
     * suite share one gateway, configured by whichever class comes first.
     */
    static Path itestsDirectory() {
        Path itests = Path.of(System.getProperty("karaf.home")).toAbsolutePath().normalize()
                .getParent().getParent().getParent();
        assertTrue("no itests/pom.xml in " + itests, Files.isRegularFile(itests.resolve("pom.xml")));
        return itests;
    }

    /** Installs the folder's packages as its lock file pins them, unless {@code module} is there already. */
    static void install(Path folder, String module, Path log) throws IOException, InterruptedException {
        if (!Files.isDirectory(folder.resolve("node_modules").resolve(module))) {
            assertEquals("npm ci in " + folder + " (see " + log + ")", 0,
                    run(folder, log, Map.of(), Duration.ofMinutes(4), "npm", "ci", "--no-audit", "--no-fund"));
        }
    }

    /** Starts {@code command} in {@code folder}, its output appended to {@code log}. */
    static Process start(Path folder, Path log, Map<String, String> environment, String... command)
            throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs {@code command} to its end; fails when it takes longer than {@code timeout}. @return its exit status */
    static int run(Path folder, Path log, Map<String, String> environment, Duration timeout, String... command)
            throws IOException, InterruptedException {
        return await(start(folder, log, environment, command), log, timeout, String.join(" ", command));
    }

    /** Waits for a started process; ends it and fails when it takes longer than {@code timeout}. */
    static int await(Process process, Path log, Duration timeout, String what)
            throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish within " + timeout + ":\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /** Whether the script printed the JSON line of {@code step} (scripts print one per step). */
    static boolean logged(Path log, String step) {
        try {
            return line(log, step).isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** The JSON line the script printed for {@code step}. */
    static JsonNode step(Path log, String step) throws IOException {
        Optional<JsonNode> line = line(log, step);
        if (line.isEmpty()) {
            throw new AssertionError("the script logged no step " + step + ":\n" + Files.readString(log));
        }
        return line.get();
    }

    private static Optional<JsonNode> line(Path log, String step) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{")) {
                JsonNode parsed = JSON.readTree(line);
                if (step.equals(parsed.path("step").asText())) {
                    return Optional.of(parsed);
                }
            }
        }
        return Optional.empty();
    }
}
