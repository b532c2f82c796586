package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A terminal's WebSocket, as a test drives it: send text frames, take the frames received one by one. */
final class TerminalSocket implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    private volatile boolean reading = true;

    private TerminalSocket(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new Collector())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static TerminalSocket connect(URI uri) throws Exception {
        return new TerminalSocket(uri);
    }

    TerminalSocket send(String frame) throws Exception {
        socket.sendText(frame, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    TerminalSocket sendBinary(String frame) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)), true)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    /** The next frame received, waiting for it. */
    String next() throws InterruptedException {
        String frame = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            fail("no frame within " + WAIT);
        }
        return frame;
    }

    void assertNothingWithin(Duration quiet) throws InterruptedException {
        assertNull(received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The status the gateway closed the connection with, waiting for it. */
    int closeStatus() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** From now on frames stay unread, as with a phone whose app froze: the gateway's writes to it back up. */
    void stopReading() {
        reading = false;
    }

    void assertOpen() {
        assertEquals(false, closed.isDone(), "connection closed");
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            if (reading) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
