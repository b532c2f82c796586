package org.pilegate.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A driver's terminal as the gateway sees it: a real WebSocket client on the terminal API, authenticated with the
 * terminal's credential, keeping every frame it receives.
 */
final class TerminalClient implements AutoCloseable {

    static final URI ENDPOINT = URI.create("ws://127.0.0.1:" + PilegateDistribution.HTTP_PORT + "/api/terminal/ws");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> unread;
    private final List<JsonNode> received = new ArrayList<>();
    private final WebSocket socket;

    private TerminalClient(WebSocket socket, BlockingQueue<JsonNode> unread) {
        this.socket = socket;
        this.unread = unread;
    }

    /**
     * Connects and authenticates, retrying while the gateway starts: its endpoint may not listen yet, and it answers
     * {@code service_unavailable} until it can check credentials.
     */
    static TerminalClient connect(String credential, Duration timeout) throws Exception {
        return connect(ENDPOINT, credential, timeout);
    }

    /** As {@link #connect(String, Duration)}, to the gateway at {@code endpoint}. */
    static TerminalClient connect(URI endpoint, String credential, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            TerminalClient client = open(HttpClient.newHttpClient(), endpoint, Duration.between(Instant.now(),
                    deadline));
            client.send("{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}");
            JsonNode answer = client.next(frame -> Set.of("authenticated", "error").contains(frame.path("type").asText()),
                    "the answer to authenticate", Duration.ofSeconds(10));
            if (answer.path("type").asText().equals("authenticated")) {
                return client;
            }
            client.close();
            if (!answer.path("code").asText().equals("service_unavailable") || Instant.now().isAfter(deadline)) {
                throw new AssertionError("authentication refused: " + answer);
            }
            Thread.sleep(500);
        }
    }

    /** Connects, retrying while the gateway starts its endpoint, without authenticating. */
    static TerminalClient open(Duration timeout) throws InterruptedException {
        return open(HttpClient.newHttpClient(), ENDPOINT, timeout);
    }

    /** As {@link #open(Duration)}, with {@code client} (e.g. one that trusts the gateway's certificate) at {@code endpoint}. */
    static TerminalClient open(HttpClient client, URI endpoint, Duration timeout) throws InterruptedException {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(partial.toString()));
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("the gateway sent a frame that is not JSON: " + partial, e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
        Instant deadline = Instant.now().plus(timeout);
        WebSocket socket;
        while (true) {
            try {
                socket = client.newWebSocketBuilder().buildAsync(endpoint, listener)
                        .get(5, TimeUnit.SECONDS);
                break;
            } catch (ExecutionException | TimeoutException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no terminal endpoint at " + endpoint, notYet);
                }
                Thread.sleep(200);
            }
        }
        return new TerminalClient(socket, frames);
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(10, TimeUnit.SECONDS);
    }

    /** The next frame of the given type, skipping others (they stay in {@link #received()}). */
    JsonNode next(String type, Duration timeout) throws InterruptedException {
        return next(frame -> type.equals(frame.path("type").asText()), type, timeout);
    }

    JsonNode next(Predicate<JsonNode> wanted, String what, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            JsonNode frame = left > 0 ? unread.poll(left, TimeUnit.MILLISECONDS) : null;
            if (frame == null) {
                throw new AssertionError("no " + what + " within " + timeout + "; received " + received);
            }
            synchronized (received) {
                received.add(frame);
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The next frame, whatever it is. */
    JsonNode next(Duration timeout) throws InterruptedException {
        return next(frame -> true, "frame", timeout);
    }

    void assertNothingWithin(Duration quiet) throws InterruptedException {
        JsonNode frame = unread.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (frame != null) {
            throw new AssertionError("nothing expected, but received " + frame);
        }
    }

    /** Parses {@code json}, to compare frames by content. */
    static JsonNode json(String json) throws JsonProcessingException {
        return JSON.readTree(json);
    }

    List<JsonNode> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    boolean isOpen() {
        return !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
