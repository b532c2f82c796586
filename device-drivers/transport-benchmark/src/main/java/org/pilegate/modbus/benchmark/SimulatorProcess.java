package org.pilegate.modbus.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.pilegate.sim.internal.StandaloneSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated depot in a JVM of its own, so that the benchmark process's CPU time is the gateway side only.
 * Started with this process's java and class path; its log goes to a temporary file.
 */
final class SimulatorProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final int RETRY_MILLIS = 100;

    private final Process process;
    private final Path log;

    private SimulatorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the depot of {@code settings} and returns once its last port accepts connections. */
    static SimulatorProcess start(BenchmarkSettings settings) throws IOException, InterruptedException {
        // otherwise the readiness check below would find, and the benchmark measure, whatever already listens there
        checkFree(settings.host(), settings.basePort(), settings.ports());
        Path log = Files.createTempFile("pilegate-simulator-", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), StandaloneSimulator.class.getName(),
                "host=" + settings.host(), "basePort=" + settings.basePort(), "piles=" + settings.piles(),
                "pilesPerPort=" + settings.pilesPerPort(), "meterProfile=" + settings.meterProfile(),
                "relayProfile=" + settings.relayProfile());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // a benchmark stopped with Ctrl-C must not leave the depot running
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "simulator-stop"));
        SimulatorProcess simulator = new SimulatorProcess(process, log);
        LOG.info("Simulator started as process {}, logging to {}", process.pid(), log);
        try {
            // ports are bound in order, so the last one listening means all are
            simulator.awaitListening(settings.host(), settings.basePort() + settings.ports() - 1);
        } catch (IOException | InterruptedException | RuntimeException e) {
            simulator.close();
            throw e;
        }
        return simulator;
    }

    /** CPU time the simulator has used so far, user and system, all threads; empty if the OS does not say. */
    Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void checkFree(String host, int basePort, int ports) throws IOException {
        for (int port = basePort; port < basePort + ports; port++) {
            try (ServerSocket probe = new ServerSocket()) {
                // as the simulator binds: connections of an earlier run waiting out TIME_WAIT do not count
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                throw new IOException("Port " + port + " is taken (another simulator running?); choose another"
                        + " basePort", e);
            }
        }
    }

    private void awaitListening(String host, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("Simulator exited with code " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Simulator not listening on " + host + ":" + port + " after "
                            + START_TIMEOUT.toSeconds() + " s; see " + log, notYet);
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }
}
