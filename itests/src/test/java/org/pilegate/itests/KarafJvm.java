package org.pilegate.itests;

import java.util.Optional;
import java.util.stream.Stream;

/** The JVM of a Karaf container started by its bin/karaf script. */
public final class KarafJvm {

    /**
     * The class the script runs the container with. The script also runs short-lived java commands (its check of the
     * JVM's version), which a JVM picked by its command alone may be: then gone a moment later.
     */
    private static final String MAIN = "org.apache.karaf.main.Main";

    private KarafJvm() {
    }

    /** The container's JVM: the script's process itself (when it execs java) or one of its descendants. */
    public static Optional<ProcessHandle> of(Process script) {
        return Stream.concat(Stream.of(script.toHandle()), script.descendants())
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(MAIN)).orElse(false))
                .findFirst();
    }
}
