package org.pilegate.store.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own binaries (Debian's postgresql package): a fresh cluster in
 * a temporary folder, listening on a free port of 127.0.0.1, password authentication for user pilegate. PostgreSQL
 * refuses to run as root, so under root it runs as the postgres system user.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "pilegate";
    public static final String PASSWORD = "store-test-secret";

    private final Path folder;
    private final Path bin;
    private final int port;
    private Process server;

    public LocalPostgres() throws IOException, InterruptedException {
        bin = binaries();
        folder = Files.createTempDirectory("pilegate-postgres");
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD, StandardCharsets.UTF_8);
        Path data = folder.resolve("data");
        if (asRoot()) {
            run("chown", "-R", "postgres", folder.toString());
        }
        run(asPostgres(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile",
                passwordFile.toString(), "-A", "scram-sha-256", "-E", "UTF8"));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        start();
    }

    /** Starts the server again after {@link #stop()}, on the same port and data. */
    public void start() throws IOException, InterruptedException {
        server = new ProcessBuilder(asPostgres(bin.resolve("postgres").toString(), "-D",
                folder.resolve("data").toString(), "-p", Integer.toString(port), "-k", folder.toString(), "-c",
                "listen_addresses=127.0.0.1"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        folder.resolve("server.log").toFile())).start();
        awaitReady();
    }

    /**
     * Stops the server as a crash or a pulled cable would: immediate shutdown, every client's connection cut, no
     * checkpoint. What was committed survives and is there after {@link #start()}.
     */
    public void stop() throws IOException, InterruptedException {
        stop("immediate");
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // a fast shutdown: the plain SIGTERM of destroy() asks for a smart one, which waits for every client to
        // leave, and the clients are in this JVM, which is on its way out
        if (server.isAlive()) {
            stop("fast");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void stop(String mode) throws IOException, InterruptedException {
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(), "-m", mode,
                "-w", "stop"));
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    /** Ready means a login succeeds: the port accepts connections while the server is still starting up. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Connection login = DriverManager.getConnection(url(), USER, PASSWORD)) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("PostgreSQL did not start: "
                            + Files.readString(folder.resolve("server.log")), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                var newest = installed.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IOException("this test needs PostgreSQL's server binaries: apt-get install postgresql");
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String[] asPostgres(String... command) {
        if (!asRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(List.of(command));
        return wrapped.toArray(String[]::new);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
