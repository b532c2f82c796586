package org.pilegate.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

/**
 * A throw-away Kafka broker (KRaft, broker and controller in one) from Kafka's own server jars, run as a process of
 * its own on free ports of 127.0.0.1 with its log in a temporary folder. It can be stopped and started again on the
 * same ports and log, as a broker that went away for a while. Its classpath (this module's test dependency on
 * {@code org.apache.kafka:kafka_2.13}, in the local Maven repository) comes with it, in {@code kafka-broker.classpath}.
 */
public final class LocalKafka implements AutoCloseable {

    private final Path folder;
    private final String classpath;
    private final int port;
    private Process server;

    public LocalKafka() throws IOException, InterruptedException {
        folder = Files.createTempDirectory("pilegate-kafka");
        try (InputStream list = LocalKafka.class.getResourceAsStream("/kafka-broker.classpath")) {
            classpath = new String(list.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        port = freePort();
        int controllerPort = freePort();
        Files.writeString(folder.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + folder.resolve("log"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true", ""), StandardCharsets.UTF_8);
        Process format = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                folder.resolve("server.properties").toString()).redirectOutput(folder.resolve("format.log").toFile())
                .start();
        if (format.waitFor() != 0) {
            throw new IOException("kafka-storage format failed: " + Files.readString(folder.resolve("format.log")));
        }
        start();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it accepts connections. */
    public void start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        server = java("kafka.Kafka", folder.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("server.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                System.out.println("Kafka accepts connections after "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                return;
            } catch (IOException notYet) {
                if (!server.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("Kafka did not start: " + Files.readString(folder.resolve("server.log")),
                            notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Stops the broker as a shutdown of its machine would: at once, its log kept. */
    public void stop() throws InterruptedException {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private ProcessBuilder java(String main, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
                "java").toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, main));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
