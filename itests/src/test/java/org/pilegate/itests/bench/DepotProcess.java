package org.pilegate.itests.bench;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Process 2: the simulated depot ({@code StandaloneSimulator}) in a JVM of its own, with its control channel open,
 * started with this process's java and class path. Its output goes to {@code simulator.log} in the work folder.
 */
final class DepotProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final DepotControl control;

    private DepotProcess(Process process, DepotControl control) {
        this.process = process;
        this.control = control;
    }

    static DepotProcess start(BenchSettings settings) throws IOException, InterruptedException {
        for (int port = settings.basePort(); port < settings.basePort() + settings.ports(); port++) {
            checkFree(port);
        }
        int controlPort = freePort();
        Path log = settings.work().resolve("simulator.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Xlog:gc:file=" + settings.work().resolve("gc-depot.log") + ":time,uptime",
                "-cp", simulatorClassPath(),
                "org.pilegate.sim.internal.StandaloneSimulator", "host=" + HOST,
                "basePort=" + settings.basePort(), "piles=" + settings.piles(),
                "pilesPerPort=" + settings.pilesPerPort(), "controlPort=" + controlPort);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("the simulated depot exited with " + process.exitValue() + "; see " + log);
            }
            // the control channel opens once every Modbus port listens
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 200);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("the simulated depot's control channel did not open; see " + log, notYet);
                }
                Thread.sleep(100);
            }
        }
        DepotControl control = DepotControl.connect(controlPort);
        control.checkSharedClock();
        return new DepotProcess(process, control);
    }

    /**
     * This process's class path but for the logging backends that Pax Exam and Karaf's client bring into the
     * integration tests' class path, so that the simulator logs through slf4j-simple alone.
     */
    private static String simulatorClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("pax-logging") && !entry.contains("logback")
                        && !entry.contains("org.apache.karaf.client"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    DepotControl control() {
        return control;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            control.close();
        } catch (IOException ignored) {
            // the process goes anyway
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static void checkFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IOException("port " + port + " is taken: another gateway, simulator or benchmark running?"
                    + " Choose other ports (basePort=, httpPort=, sshPort=)", e);
        }
    }
}
