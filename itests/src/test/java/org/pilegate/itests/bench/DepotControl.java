package org.pilegate.itests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.pilegate.sim.PileAddress;

/**
 * The load's line to the simulated depot in its own process: the simulator's control channel (a line protocol on a
 * loopback port, {@code org.pilegate.sim.internal.ControlChannel}). Requests are answered in order; the depot also
 * tells, unasked, when a pile's relay first showed a plug or an unplug to a poller, which is the gateway's relay
 * driver here. Times are the simulator's {@link System#nanoTime()}, which on Linux is the same clock as this
 * process's (checked by {@link #checkSharedClock()}).
 */
final class DepotControl implements AutoCloseable {

    /** Told on the control connection's reader thread; must return quickly. */
    @FunctionalInterface
    interface Sightings {
        void seen(int pile, boolean vehiclePresent, long nanos);
    }

    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private final Socket socket;
    private final Writer out;
    private final Object sending = new Object();
    private final Queue<CompletableFuture<String>> pending = new ArrayDeque<>(); // guarded by sending
    private volatile Sightings sightings = (pile, present, nanos) -> {
    };

    private DepotControl(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::read, "depot-control");
        reader.setDaemon(true);
        reader.start();
    }

    static DepotControl connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        return new DepotControl(socket);
    }

    void onSightings(Sightings listener) {
        sightings = listener;
    }

    int piles() {
        return Integer.parseInt(answer("piles"));
    }

    PileAddress address(int pile) {
        String[] words = answer("address " + pile).split(" ");
        return new PileAddress(words[0], Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                Integer.parseInt(words[3]));
    }

    /** Plugs in a vehicle (60 kWh battery at 20 %); completes with the moment it was plugged in. */
    CompletableFuture<Long> plug(int pile, String vehicle) {
        return ask("plug " + pile + " " + vehicle).thenApply(Long::parseLong);
    }

    /** Unplugs the pile's vehicle; completes with the moment it left. */
    CompletableFuture<Long> unplug(int pile) {
        return ask("unplug " + pile).thenApply(Long::parseLong);
    }

    /**
     * Fails unless the simulator's clock reads between two readings of this process's: the latencies subtract one
     * process's {@code nanoTime} from the other's.
     */
    void checkSharedClock() {
        long before = System.nanoTime();
        long theirs = Long.parseLong(answer("clock"));
        long after = System.nanoTime();
        if (theirs < before || theirs > after) {
            throw new IllegalStateException("the simulator's System.nanoTime() is not this process's (" + before
                    + " <= " + theirs + " <= " + after + " fails): its times cannot be compared with the load's");
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String answer(String request) {
        try {
            return ask(request).get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the simulated depot did not answer '" + request + "': " + e, e);
        }
    }

    private CompletableFuture<String> ask(String request) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        synchronized (sending) {
            pending.add(answer);
            try {
                out.write(request + "\n");
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the simulated depot's control channel is gone", e);
            }
        }
        return answer;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("seen ")) {
                    String[] words = line.split(" ");
                    sightings.seen(Integer.parseInt(words[1]), words[2].equals("plugged"), Long.parseLong(words[3]));
                    continue;
                }
                CompletableFuture<String> answer;
                synchronized (sending) {
                    answer = pending.poll();
                }
                if (answer == null) {
                    throw new IllegalStateException("an answer nobody asked for: " + line);
                }
                if (line.startsWith("ok")) {
                    answer.complete(line.length() > 3 ? line.substring(3) : "");
                } else {
                    answer.completeExceptionally(new IllegalStateException("the simulated depot refused: " + line));
                }
            }
        } catch (IOException | RuntimeException e) {
            failPending(e);
            return;
        }
        failPending(new IOException("the simulated depot closed its control channel"));
    }

    private void failPending(Exception cause) {
        synchronized (sending) {
            pending.forEach(answer -> answer.completeExceptionally(cause));
            pending.clear();
        }
    }
}
