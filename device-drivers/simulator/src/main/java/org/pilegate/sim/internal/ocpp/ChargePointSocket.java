package org.pilegate.sim.internal.ocpp;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated charge point's WebSocket to the central system, as a charger holds it: {@code <url>/<id>}, subprotocol
 * ocpp1.6, its password by HTTP Basic (security profile 1), and made again a while after it was lost. The JDK's
 * client runs on the gateway's shared workers.
 */
final class ChargePointSocket implements WebSocket.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ChargePointSocket.class);
    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(5);

    private final SimulatedChargePoint chargePoint;
    private final URI uri;
    private final String authorization;
    private final HttpClient http;
    private final GatewayThreads threads;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean closing;

    ChargePointSocket(SimulatedChargePoint chargePoint, URI centralSystem, String password, HttpClient http,
            GatewayThreads threads) {
        this.chargePoint = chargePoint;
        this.uri = URI.create(centralSystem.toString().replaceAll("/$", "") + "/" + chargePoint.id());
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((chargePoint.id() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.http = http;
        this.threads = threads;
    }

    void connect() {
        if (closing) {
            return;
        }
        http.newWebSocketBuilder().header("Authorization", authorization).subprotocols("ocpp1.6")
                .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, this).whenComplete((connected, failure) -> {
                    if (failure != null) {
                        LOG.debug("{}: no connection to {} ({}); again in {}", chargePoint.id(), uri,
                                failure.getMessage(), RECONNECT_AFTER);
                        threads.after(RECONNECT_AFTER, this::connect);
                    }
                });
    }

    /** Sends one frame; frames are sent one after the other, as the WebSocket requires. */
    synchronized void send(String text) {
        WebSocket current = socket;
        if (current != null) {
            current.sendText(text, true).join();
        }
    }

    void close() {
        closing = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "simulation ends");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        LOG.info("Simulated charge point {} connected to {}", chargePoint.id(), uri);
        webSocket.request(1);
        chargePoint.connected();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            chargePoint.receive(frame);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost("closed " + statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost(error.getMessage());
    }

    private void lost(String why) {
        socket = null;
        chargePoint.disconnected();
        if (!closing) {
            LOG.info("Simulated charge point {}: connection lost ({}); again in {}", chargePoint.id(), why,
                    RECONNECT_AFTER);
            threads.after(RECONNECT_AFTER, this::connect);
        }
    }
}
