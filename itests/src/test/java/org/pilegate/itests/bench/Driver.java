package org.pilegate.itests.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.pilegate.sim.PileAddress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The driver of one pile: a vehicle plugged in and out through the simulated depot, and a terminal on the gateway's
 * WebSocket that goes through whole sessions — answers the association prompt, requests charging (after the
 * reference close of the contactor), stops, confirms the fee notice's payment, and unplugs once paid. Each session's
 * steps are timed into {@link SessionTimes}.
 * <p>
 * Paced, the benchmark calls {@link #plug()}, {@link #requestCharging()} and {@link #stop()} at its own pace; back to
 * back, the driver takes each step as soon as the previous one is answered, charges for a while, and plugs in again
 * shortly after the gateway's relay driver saw the vehicle leave. A driver whose session makes no progress for
 * {@link #STALL} gives it up (stopping it if bound, then unplugging), counted by the step it stalled at.
 * A connection the gateway closes is counted and opened again after a second, as a terminal app does; the gateway then
 * sends what is waiting (prompt, latest status, fee notice) and the session goes on.
 */
final class Driver implements WebSocket.Listener {

    static final Duration STALL = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Refusals the API asks to send again shortly. */
    private static final Set<String> RETRIED = Set.of("service_busy", "service_unavailable", "gateway_busy");
    /** A gateway at capacity may say busy for a while: the terminal asks again, once a second, for half a minute. */
    private static final int MAX_RETRIES = 30;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    final int index;
    final String pile;
    final String vehicle;
    final String terminal;
    final String account;
    private final PileAddress address;
    private final DepotControl depot;
    private final ContactorReference reference;
    private final ScheduledExecutorService timer;
    private final Tally tally;
    private final HttpClient http;
    private final URI endpoint;
    private String credential;
    private volatile WebSocket socket;
    private CompletableFuture<Void> authenticated = new CompletableFuture<>();
    /** Parts of a frame that came split; touched only by the listener, which java.net.http calls one at a time. */
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null); // guarded by this

    // guarded by this
    private SessionTimes current;
    private String session;
    private boolean unplugRequested;
    private long lastProgress;
    private String lastRequest;
    private int retries;
    private boolean backToBack;
    /** Whether the running session was begun back to back: then it takes its steps by itself until it is over. */
    private boolean runsItself;
    private Duration chargeFor = Duration.ZERO;
    private Duration arrivalSpread = Duration.ZERO;
    private boolean connected;
    private final List<SessionTimes> sessions = new ArrayList<>();

    Driver(int index, String pile, PileAddress address, DepotControl depot, ContactorReference reference,
            ScheduledExecutorService timer, Tally tally, HttpClient http, URI endpoint) {
        this.index = index;
        this.pile = pile;
        this.vehicle = "EV-" + pile.toUpperCase();
        this.terminal = pile + "-phone";
        this.account = pile + "-driver";
        this.address = address;
        this.depot = depot;
        this.reference = reference;
        this.timer = timer;
        this.tally = tally;
        this.http = http;
        this.endpoint = endpoint;
    }

    /** Connects and authenticates with {@code issued}; completes once the gateway confirmed it. */
    CompletableFuture<Void> connect(String issued) {
        synchronized (this) {
            credential = issued;
            connected = true;
            authenticated = new CompletableFuture<>();
        }
        return http.newWebSocketBuilder().buildAsync(endpoint, this).thenCompose(opened -> {
            socket = opened;
            send("{\"type\":\"authenticate\",\"credential\":\"" + issued + "\"}");
            return authenticated;
        });
    }

    /**
     * From now, sessions follow one another, each charging for {@code charging}; the next vehicle plugs in within
     * {@code spread} (uniformly) after the last one was seen leaving, so that plugs do not fall in step with the
     * relay's polls, which saw that vehicle leave.
     */
    synchronized void goBackToBack(Duration charging, Duration spread) {
        backToBack = true;
        chargeFor = charging;
        arrivalSpread = spread;
    }

    /** No new session after the one running. */
    synchronized void finishBackToBack() {
        backToBack = false;
    }

    synchronized boolean idle() {
        return current == null;
    }

    /** The sessions over since the last call, complete or given up; forgets them. */
    synchronized List<SessionTimes> takeSessions() {
        List<SessionTimes> over = List.copyOf(sessions);
        sessions.clear();
        return over;
    }

    /** Whether the session running has reached {@code step}: for the paced rounds, which wait on every pile. */
    synchronized boolean reached(Predicate<SessionTimes> step) {
        return current != null && step.test(current);
    }

    /** The next session back to back, unless they have been finished meanwhile. */
    synchronized void plugNext() {
        if (backToBack) {
            plug();
        }
    }

    synchronized void plug() {
        if (current != null) {
            return;
        }
        SessionTimes times = new SessionTimes();
        times.pile = pile;
        current = times;
        runsItself = backToBack;
        session = null;
        unplugRequested = false;
        retries = 0;
        progress();
        depot.plug(index, vehicle).whenComplete((at, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    tally.count("plug failed: " + failure.getMessage());
                    times.abandonedAt = "plug";
                    end(times);
                } else {
                    times.plugged = at;
                }
            }
        });
    }

    /** The reference close and open of the contactor, then the charging request; the session must be bound. */
    void requestCharging() {
        SessionTimes times;
        synchronized (this) {
            times = current;
            if (times == null || session == null || times.requested != 0) {
                return;
            }
        }
        reference.closeAndOpen(address).whenComplete((roundTrip, failure) -> {
            synchronized (this) {
                if (current != times) {
                    return;
                }
                if (failure != null) {
                    tally.count("reference close failed");
                    times.contactorRoundTrip = -1;
                } else {
                    times.contactorRoundTrip = roundTrip;
                }
                times.requested = System.nanoTime();
                request("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":{}}");
            }
        });
    }

    synchronized void stop() {
        SessionTimes times = current;
        if (times == null || session == null || times.stopRequested != 0) {
            return;
        }
        times.stopRequested = System.nanoTime();
        // the planned stop starts the wait for FINISHED: the charging before it was no stall
        progress();
        request("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
    }

    /**
     * Gives up a session that made no progress for {@link #STALL} (beyond its planned charging); one given up already
     * is ended outright.
     */
    synchronized void checkStalled(long now) {
        SessionTimes times = current;
        // charging as planned is no stall: the limit runs from the planned stop on
        long limit = STALL.toNanos()
                + (times != null && times.charging != 0 && times.stopRequested == 0 ? chargeFor.toNanos() : 0);
        if (times == null || now - lastProgress < limit) {
            return;
        }
        if (times.abandonedAt != null) {
            tally.count("given up at " + times.abandonedAt + ", vehicle never seen leaving");
            end(times);
            return;
        }
        times.abandonedAt = times.nextStep();
        tally.count("given up at " + times.abandonedAt);
        progress();
        if (session != null && times.finished == 0 && times.stopRequested == 0) {
            times.stopRequested = System.nanoTime();
            request("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
        }
        unplug(times);
    }

    /** A sighting of the simulated depot: the gateway's relay poll saw the vehicle come or go. */
    synchronized void seen(boolean vehiclePresent, long at) {
        SessionTimes times = current;
        if (times == null) {
            return;
        }
        if (vehiclePresent && !unplugRequested && times.vehicleSeen == 0) {
            times.vehicleSeen = at;
            progress();
        } else if (!vehiclePresent && unplugRequested && times.vehicleLeft == 0) {
            times.vehicleLeft = at;
            if (times.unplugged != 0) {
                end(times);
            }
        }
    }

    void close() {
        synchronized (this) {
            connected = false;
        }
        WebSocket open = socket;
        if (open != null) {
            open.abort();
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
        String text = partial.isEmpty() ? data.toString() : partial.append(data).toString();
        partial.setLength(0);
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            tally.count("unreadable frame");
            return null;
        }
        onFrame(frame, arrived);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket from, int statusCode, String reason) {
        tally.count("connection closed by the gateway: " + statusCode + " " + reason);
        reconnect(new IllegalStateException("closed: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket from, Throwable error) {
        tally.count("connection failed: " + error.getClass().getSimpleName());
        reconnect(error);
    }

    private synchronized void onFrame(JsonNode frame, long arrived) {
        SessionTimes times = current;
        switch (frame.path("type").asText()) {
            case "authenticated" -> authenticated.complete(null);
            case "association_prompt" -> {
                if (times != null && session == null && pile.equals(frame.path("pile").asText())) {
                    if (times.prompted == 0) {
                        times.prompted = arrived;
                    }
                    progress();
                    request("{\"type\":\"association_request\",\"pile\":\"" + pile + "\",\"associationToken\":\""
                            + frame.path("associationToken").asText() + "\",\"terminal\":\"" + terminal + "\"}");
                }
            }
            case "status_update" -> onStatus(times, frame.path("session").asText(), frame.path("state").asText(),
                    arrived);
            case "fee_notice" -> {
                if (times != null && frame.path("session").asText().equals(session) && times.paid == 0) {
                    if (times.feeNotice == 0) {
                        times.feeNotice = arrived;
                    }
                    progress();
                    request("{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                            + frame.path("feeId").asText() + "\"}");
                }
            }
            case "error" -> onRefusal(frame.path("code").asText());
            default -> {
                // the charging prompt needs no answer of its own
            }
        }
    }

    private void onStatus(SessionTimes times, String statusOf, String state, long arrived) {
        if (times == null) {
            return;
        }
        if (session == null && state.equals("PENDING") && times.prompted != 0) {
            session = statusOf;
            times.bound = arrived;
            progress();
            if (runsItself) {
                timer.execute(this::requestCharging);
            }
            return;
        }
        if (!statusOf.equals(session)) {
            return;
        }
        switch (state) {
            case "CHARGING", "SUSPENDED" -> {
                if (times.charging == 0 && times.requested != 0) {
                    times.charging = arrived;
                    progress();
                    if (runsItself) {
                        timer.schedule(this::stop, chargeFor.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
            case "FINISHED" -> {
                if (times.finished == 0) {
                    times.finished = arrived;
                    progress();
                }
            }
            case "PAID" -> {
                if (times.paid == 0) {
                    times.paid = arrived;
                    progress();
                    unplug(times);
                }
            }
            case "FAILED" -> {
                tally.count("session FAILED");
                times.abandonedAt = "FAILED";
                unplug(times);
            }
            default -> {
                // PENDING again, e.g. on reconnecting
            }
        }
    }

    private void onRefusal(String code) {
        tally.count("refused: " + code);
        if (RETRIED.contains(code) && lastRequest != null && retries < MAX_RETRIES) {
            retries++;
            String again = lastRequest;
            timer.schedule(() -> send(again), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void unplug(SessionTimes times) {
        if (unplugRequested) {
            return;
        }
        unplugRequested = true;
        depot.unplug(index).whenComplete((at, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    tally.count("unplug failed: " + failure.getMessage());
                    return;
                }
                times.unplugged = at;
                if (times.vehicleLeft != 0 && current == times) {
                    end(times);
                }
            }
        });
    }

    /** The session is over: kept for the report; back to back, the next vehicle comes at once. */
    private void end(SessionTimes times) {
        if (current != times) {
            return;
        }
        sessions.add(times);
        current = null;
        session = null;
        lastRequest = null;
        if (backToBack) {
            timer.schedule(this::plugNext, ThreadLocalRandom.current().nextLong(arrivalSpread.toNanos() + 1),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void progress() {
        lastProgress = System.nanoTime();
    }

    /** Sends a request of the dialogue, remembered so that a "send it again shortly" can be answered. */
    private void request(String frame) {
        lastRequest = frame;
        send(frame);
    }

    private void reconnect(Throwable cause) {
        synchronized (this) {
            authenticated.completeExceptionally(cause);
            if (!connected) {
                return;
            }
        }
        timer.schedule(() -> {
            String issued;
            synchronized (this) {
                issued = credential;
                authenticated = new CompletableFuture<>();
            }
            // once open, a failure of the new connection comes back through onClose or onError
            http.newWebSocketBuilder().buildAsync(endpoint, this).whenComplete((opened, failure) -> {
                if (failure != null) {
                    tally.count("reconnect failed: " + failure.getClass().getSimpleName());
                    reconnect(failure);
                } else {
                    tally.count("reconnected");
                    socket = opened;
                    send("{\"type\":\"authenticate\",\"credential\":\"" + issued + "\"}");
                }
            });
        }, 1, TimeUnit.SECONDS);
    }

    private void send(String frame) {
        synchronized (this) {
            WebSocket open = socket;
            // a failed send is counted and does not hold up the ones after it
            lastSend = lastSend.thenCompose(previous -> open.sendText(frame, true)).exceptionally(failure -> {
                tally.count("send failed: " + failure.getClass().getSimpleName());
                return null;
            });
        }
    }
}
