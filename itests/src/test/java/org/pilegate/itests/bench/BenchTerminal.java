package org.pilegate.itests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A driver's terminal on the gateway's terminal WebSocket API, read one frame at a time by one thread. */
final class BenchTerminal implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private BenchTerminal() {
    }

    /** Connects and authenticates with {@code credential}. */
    static BenchTerminal open(HttpClient http, URI endpoint, String credential, Duration timeout) throws Exception {
        BenchTerminal terminal = new BenchTerminal();
        terminal.socket = http.newWebSocketBuilder().buildAsync(endpoint, terminal)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        terminal.send("{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}");
        terminal.next("authenticated", timeout);
        return terminal;
    }

    void send(String frame) {
        socket.sendText(frame, true).join();
    }

    JsonNode next(String type, Duration timeout) throws InterruptedException {
        return next(frame -> type.equals(frame.path("type").asText()), timeout);
    }

    /** The next frame {@code wanted} holds for; those before it are dropped. An error frame fails. */
    JsonNode next(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new IllegalStateException("no awaited frame within " + timeout);
            }
            if ("error".equals(frame.path("type").asText())) {
                throw new IllegalStateException("the gateway answered " + frame);
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket from, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (Exception e) {
                frames.add(JSON.createObjectNode().put("type", "error").put("unreadable", partial.toString()));
            }
            partial.setLength(0);
        }
        from.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.abort();
    }
}
