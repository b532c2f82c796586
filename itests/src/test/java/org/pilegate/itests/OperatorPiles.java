package org.pilegate.itests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The piles as the gateway shows them to its operator ({@code GET /api/operator/piles} on the plain HTTP port), read
 * by one thread every {@link #PERIOD} for everyone who waits for a pile to reach a state.
 */
final class OperatorPiles implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(500);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base = "http://127.0.0.1:" + PilegateDistribution.HTTP_PORT;
    private final String password;
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile String token;
    private volatile boolean closed;

    OperatorPiles(String password) {
        this.password = password;
        reader = new Thread(this::readUntilClosed, "operator-piles");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits until the gateway shows {@code pile} in {@code state}; false if it did not within {@code limit}. */
    boolean await(String pile, String state, Duration limit) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (!state.equals(states.get(pile))) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(PERIOD.toMillis());
        }
        return true;
    }

    /** The state the gateway showed for {@code pile} last. */
    String state(String pile) {
        return states.getOrDefault(pile, "(not read yet)");
    }

    private void readUntilClosed() {
        while (!closed) {
            try {
                read();
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                token = null; // signed in again on the next read
            }
        }
    }

    private void read() throws Exception {
        if (token == null) {
            String credentials = json.writeValueAsString(Map.of("user", "admin", "password", password));
            HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/operator/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(credentials))
                    .build(), HttpResponse.BodyHandlers.ofString());
            token = json.readTree(signedIn.body()).path("token").asText(null);
        }
        HttpResponse<String> piles = http.send(HttpRequest.newBuilder(URI.create(base + "/api/operator/piles"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (piles.statusCode() != 200) {
            throw new IllegalStateException("GET /api/operator/piles answered " + piles.statusCode());
        }
        for (JsonNode pile : json.readTree(piles.body()).path("piles")) {
            states.put(pile.path("pile").asText(), pile.path("state").asText());
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
