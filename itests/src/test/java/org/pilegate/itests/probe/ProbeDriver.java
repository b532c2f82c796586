package org.pilegate.itests.probe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.pilegate.api.relay.RelayState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.itests.PilegateDistribution;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;

/**
 * The driver of one pile: a registered vehicle, and a terminal connected to the gateway's WebSocket that answers
 * every prompt at once and notes when each frame arrives. With thousands of them on one machine, a frame costs a
 * few string searches and no JSON parsing; the gateway's frames are flat, so that is enough for the fields read.
 */
final class ProbeDriver implements WebSocket.Listener {

    private static final URI ENDPOINT = URI.create(
            "ws://127.0.0.1:" + PilegateDistribution.HTTP_PORT + "/api/terminal/ws");

    final int pileIndex;
    final String pile;
    final VehicleId vehicle;
    final TerminalId terminal;
    private final Queue<String> refusals;
    private final CompletableFuture<Void> authenticated = new CompletableFuture<>();
    /** Parts of a frame that came split; touched only by the listener, which java.net.http calls one at a time. */
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    /** Sends chained one after the other: java.net.http refuses a send while the previous one is pending. */
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by this
    private volatile DialogueTimes times = new DialogueTimes();

    /** @param refusals collects every error frame and failure, shared by all drivers */
    ProbeDriver(int pileIndex, String pile, Queue<String> refusals) {
        this.pileIndex = pileIndex;
        this.pile = pile;
        this.vehicle = new VehicleId("EV-" + pile.toUpperCase());
        this.terminal = new TerminalId(pile + "-phone");
        this.refusals = refusals;
    }

    /** Connects and authenticates with {@code credential}; completes once the gateway confirmed it. */
    CompletableFuture<Void> connect(HttpClient http, String credential) {
        return http.newWebSocketBuilder().buildAsync(ENDPOINT, this).thenCompose(connected -> {
            socket = connected;
            send("{\"type\":\"authenticate\",\"credential\":\"" + credential + "\"}");
            return authenticated;
        });
    }

    /** Whether the gateway's terminal endpoint takes connections yet. */
    static boolean endpointOpen(HttpClient http) {
        return http.newWebSocketBuilder().buildAsync(ENDPOINT, new WebSocket.Listener() {
        }).handle((socket, failure) -> {
            if (socket != null) {
                socket.abort();
            }
            return failure == null;
        }).join();
    }

    /** Forgets the times of the previous round. */
    void startRound() {
        times = new DialogueTimes();
    }

    DialogueTimes times() {
        return times;
    }

    void plug(DepotSimulator depot) {
        times.plugged = System.nanoTime();
        depot.plug(pileIndex, new SimulatedVehicle(vehicle, 60_000, 0.2));
    }

    /** Subscribed to the pile's relay: the first state showing the vehicle after the plug is the reference. */
    void onRelayState(RelayState state) {
        DialogueTimes current = times;
        if (current.plugged != 0 && state.plugState().vehiclePresent()) {
            current.vehicleSeen.complete(System.nanoTime());
        }
    }

    void requestCharging() {
        times.chargingRequested = System.nanoTime();
        send("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":{}}");
    }

    void stop() {
        send("{\"type\":\"stop_request\",\"session\":\"" + times.bound.join() + "\"}");
    }

    void close() {
        WebSocket connected = socket;
        if (connected != null) {
            connected.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket from, CharSequence data, boolean last) {
        long arrived = System.nanoTime();
        from.request(1);
        if (!last) {
            partial.append(data);
            return null;
        }
        String frame = partial.isEmpty() ? data.toString() : partial.append(data).toString();
        partial.setLength(0);
        DialogueTimes current = times;
        switch (field(frame, "type")) {
            case "authenticated" -> authenticated.complete(null);
            case "association_prompt" -> {
                current.prompted.complete(arrived);
                send("{\"type\":\"association_request\",\"pile\":\"" + pile + "\",\"associationToken\":\""
                        + field(frame, "associationToken") + "\",\"terminal\":\"" + terminal + "\"}");
            }
            case "status_update" -> {
                switch (field(frame, "state")) {
                    case "PENDING" -> current.bound.complete(field(frame, "session"));
                    case "CHARGING" -> current.charging.complete(arrived);
                    case "FINISHED" -> current.finished.complete(arrived);
                    default -> {
                        // SUSPENDED or FAILED: the sanity checks tell if a pile never got where it should
                    }
                }
            }
            case "error" -> refusals.add(terminal + ": " + frame);
            default -> {
                // the charging prompt needs no answer of its own
            }
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket from, int statusCode, String reason) {
        refusals.add(terminal + ": connection closed by the gateway, " + statusCode + " " + reason);
        authenticated.completeExceptionally(new IllegalStateException("closed: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket from, Throwable error) {
        refusals.add(terminal + ": connection failed, " + error);
        authenticated.completeExceptionally(error);
    }

    private void send(String frame) {
        synchronized (this) {
            // a failed send is reported and does not hold up the ones after it
            lastSend = lastSend.thenCompose(previous -> socket.sendText(frame, true)).exceptionally(failure -> {
                refusals.add(terminal + ": could not send " + frame + ", " + failure);
                return null;
            });
        }
    }

    /** The string value of {@code name} in a flat JSON object, or "" when there is none. */
    static String field(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int start = frame.indexOf(key);
        if (start < 0) {
            return "";
        }
        start += key.length();
        return frame.substring(start, frame.indexOf('"', start));
    }
}
