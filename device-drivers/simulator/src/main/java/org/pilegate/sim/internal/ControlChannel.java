package org.pilegate.sim.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.PileAddress;
import org.pilegate.sim.SimulatedVehicle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets another process drive a standalone simulated depot, as a benchmark's load does: plug and unplug vehicles,
 * and learn when each pile's relay first showed the change to a poller. Lines of UTF-8 text on a TCP port of the
 * loopback address, one request a line, each answered in order on its connection; piles are numbered from 0:
 *
 * <pre>
 * piles                                       ok &lt;count&gt;
 * address &lt;pile&gt;                              ok &lt;host&gt; &lt;port&gt; &lt;meter unit id&gt; &lt;relay unit id&gt;
 * plug &lt;pile&gt; &lt;vehicle&gt; [&lt;Wh&gt; &lt;soc %&gt;]      ok &lt;nanos&gt;   (battery 60000 Wh at 20 % unless given)
 * unplug &lt;pile&gt;                               ok &lt;nanos&gt;
 * clock                                       ok &lt;nanos&gt;
 * anything refused                            error &lt;reason&gt;
 * </pre>
 *
 * {@code <nanos>} is this JVM's {@link System#nanoTime()} just before the vehicle came or went. On Linux that is the
 * machine's monotonic clock, the same in every process, so the process that asked can compare it with its own
 * readings ({@code clock} lets it check). Besides the answers, a connection gets one line for each plug and unplug
 * it asked for, once the pile's relay answered a read that shows the change (see {@link PlugWatch}):
 *
 * <pre>
 * seen &lt;pile&gt; plugged|unplugged &lt;nanos&gt;
 * </pre>
 *
 * No authentication: it is for benchmarks and tests on one machine, and never part of a gateway.
 */
final class ControlChannel implements PlugWatch, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);
    private static final int NOTHING = 0;
    private static final int PLUGGED = 1;
    private static final int UNPLUGGED = 2;
    private static final long DEFAULT_CAPACITY_WH = 60_000;
    private static final int DEFAULT_SOC_PERCENT = 20;

    private final Simulation depot;
    private final ServerSocket server;
    /** Per pile: the change whose first sighting is awaited, and the connection that asked for it. */
    private final AtomicIntegerArray awaited;
    private final AtomicReferenceArray<Connection> askedBy;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    private ControlChannel(Simulation depot, ServerSocket server) {
        this.depot = depot;
        this.server = server;
        this.awaited = new AtomicIntegerArray(depot.pileCount());
        this.askedBy = new AtomicReferenceArray<>(depot.pileCount());
    }

    /** Listens on {@code port} of the loopback address (0: any free one) and watches {@code depot}'s relays. */
    static ControlChannel open(Simulation depot, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ControlChannel channel = new ControlChannel(depot, server);
        depot.watchPlugs(channel);
        daemon(channel::accept, "pilegate-sim-control").start();
        LOG.info("Control channel on {}", server.getLocalSocketAddress());
        return channel;
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void relayAnswered(int pileIndex, boolean vehiclePresent) {
        int change = vehiclePresent ? PLUGGED : UNPLUGGED;
        if (awaited.get(pileIndex) == change && awaited.compareAndSet(pileIndex, change, NOTHING)) {
            long now = System.nanoTime();
            Connection asking = askedBy.get(pileIndex);
            if (asking != null) {
                asking.send("seen " + pileIndex + " " + (vehiclePresent ? "plugged" : "unplugged") + " " + now);
            }
        }
    }

    @Override
    public void close() {
        open = false;
        depot.watchPlugs(PlugWatch.NONE);
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Closing the control channel", e);
        }
        connections.forEach(Connection::close);
    }

    private void accept() {
        while (open) {
            try {
                Connection connection = new Connection(server.accept());
                connections.add(connection);
                connection.start();
            } catch (IOException e) {
                if (open) {
                    LOG.warn("Control channel: cannot accept: {}", e.toString());
                }
            }
        }
    }

    /** The answer to one request line. */
    private String answer(String line, Connection from) {
        String[] words = line.trim().split("\\s+");
        try {
            return switch (words[0]) {
                case "piles" -> "ok " + depot.pileCount();
                case "clock" -> "ok " + System.nanoTime();
                case "address" -> {
                    PileAddress address = depot.address(pile(words, 2));
                    yield "ok " + address.host() + " " + address.port() + " " + address.meterUnitId() + " "
                            + address.relayUnitId();
                }
                case "plug" -> {
                    if (words.length != 3 && words.length != 5) {
                        throw new IllegalArgumentException("plug <pile> <vehicle> [<capacityWh> <soc %>]");
                    }
                    int pile = Integer.parseInt(words[1]);
                    long capacityWh = words.length == 5 ? Long.parseLong(words[3]) : DEFAULT_CAPACITY_WH;
                    int socPercent = words.length == 5 ? Integer.parseInt(words[4]) : DEFAULT_SOC_PERCENT;
                    SimulatedVehicle vehicle = new SimulatedVehicle(new VehicleId(words[2]), capacityWh,
                            socPercent / 100.0);
                    yield "ok " + change(pile, PLUGGED, from, () -> depot.plug(pile, vehicle));
                }
                case "unplug" -> {
                    int pile = pile(words, 2);
                    yield "ok " + change(pile, UNPLUGGED, from, () -> depot.unplug(pile));
                }
                default -> "error unknown request '" + words[0] + "'; known: piles, address, plug, unplug, clock";
            };
        } catch (RuntimeException e) {
            return "error " + (e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' '));
        }
    }

    /** Awaits the first sighting of the change before making it, so that no read in between is missed. */
    private long change(int pile, int change, Connection from, Runnable make) {
        depot.address(pile);
        askedBy.set(pile, from);
        awaited.set(pile, change);
        long at = System.nanoTime();
        try {
            make.run();
        } catch (RuntimeException e) {
            awaited.compareAndSet(pile, change, NOTHING);
            throw e;
        }
        return at;
    }

    private static int pile(String[] words, int length) {
        if (words.length != length) {
            throw new IllegalArgumentException(words[0] + " <pile>");
        }
        return Integer.parseInt(words[1]);
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One client: requests read and answered on one thread, everything written by another. */
    private final class Connection {

        /** Told apart from every answer by identity: the writer's cue to stop. */
        private static final String CLOSED = new String("closed");

        private final Socket socket;
        private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();

        Connection(Socket socket) {
            this.socket = socket;
        }

        void start() {
            daemon(this::read, "pilegate-sim-control-in").start();
            daemon(this::write, "pilegate-sim-control-out").start();
        }

        void send(String line) {
            outbox.add(line);
        }

        void close() {
            outbox.add(CLOSED);
            try {
                socket.close();
            } catch (IOException e) {
                LOG.debug("Closing a control connection", e);
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        send(answer(line, this));
                    }
                }
            } catch (IOException e) {
                LOG.debug("Control connection ended", e);
            } finally {
                connections.remove(this);
                close();
            }
        }

        private void write() {
            try (Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
                while (true) {
                    String line = outbox.take();
                    if (line == CLOSED) {
                        return;
                    }
                    out.write(line);
                    out.write('\n');
                    if (outbox.isEmpty()) {
                        out.flush();
                    }
                }
            } catch (IOException e) {
                LOG.debug("Control connection ended", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
