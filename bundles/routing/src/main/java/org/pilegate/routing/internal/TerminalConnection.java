package org.pilegate.routing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.ServerWebSocket;

/**
 * One WebSocket connection of a terminal: first unauthenticated, then the terminal's. All that goes out on it goes
 * through one lock, a batch at a time, so replies and pushes leave in the order they were handed over and never
 * inside each other's batch. Vert.x queues each write for the connection's event loop in call order.
 */
final class TerminalConnection {

    /** RFC 6455 1008: the peer broke the endpoint's policy, here authentication. */
    static final short POLICY_VIOLATION = 1008;
    /** RFC 6455 1001: the endpoint is going away. */
    static final short GOING_AWAY = 1001;
    /** IANA-registered 1013: try again later, here once the terminal reads what it was sent. */
    static final short TRY_AGAIN_LATER = 1013;

    private static final Logger LOG = LoggerFactory.getLogger(TerminalConnection.class);

    private final String key;
    private final ServerWebSocket socket;
    private TerminalId terminal;
    private int refusedFrames;
    /** Pushes that came while the greeting was prepared; null before authentication and after the greeting. */
    private List<String> pushesBeforeGreeting;
    private GatewayThreads.Scheduled authenticationDeadline;

    TerminalConnection(String key, ServerWebSocket socket) {
        this.key = key;
        this.socket = socket;
    }

    synchronized Optional<TerminalId> terminal() {
        return Optional.ofNullable(terminal);
    }

    synchronized void authenticationDeadline(GatewayThreads.Scheduled deadline) {
        authenticationDeadline = deadline;
    }

    /**
     * Answers a frame refused before authentication.
     *
     * @return how many frames this connection had refused so far, this one included
     */
    synchronized int refuse(String errorFrame) {
        send(List.of(errorFrame));
        return ++refusedFrames;
    }

    /** From now on the connection is the terminal's; pushes wait for the {@linkplain #greet greeting}. */
    synchronized void authenticatedAs(TerminalId authenticated) {
        terminal = authenticated;
        pushesBeforeGreeting = new ArrayList<>();
        if (authenticationDeadline != null) {
            authenticationDeadline.cancel();
        }
    }

    /** Sends the greeting, then whatever was pushed meanwhile; later pushes go out at once. */
    synchronized void greet(List<String> greeting) {
        send(greeting);
        send(pushesBeforeGreeting);
        pushesBeforeGreeting = null;
    }

    /**
     * A terminal that stops reading (a phone whose app froze, a network that holds packets) is disconnected once
     * Vert.x's write queue for it is full, instead of queueing pushes without end: every status is recorded, and
     * the terminal gets what it missed when it reconnects and resumes.
     *
     * @return whether the connection was open to take it
     */
    synchronized boolean push(String frame) {
        if (socket.isClosed()) {
            return false;
        }
        if (socket.writeQueueFull()) {
            LOG.warn("{} does not read what it is sent; closing it, the terminal resumes when it reconnects", this);
            close(TRY_AGAIN_LATER, "not reading; reconnect and resume");
            return false;
        }
        if (pushesBeforeGreeting != null) {
            pushesBeforeGreeting.add(frame);
        } else {
            send(List.of(frame));
        }
        return true;
    }

    synchronized void send(List<String> frames) {
        frames.forEach(socket::writeTextMessage);
    }

    /** Closes the connection, after what was sent on it, unless it has authenticated meanwhile. */
    synchronized void closeUnauthenticated(String errorFrame, String reason) {
        if (terminal == null) {
            send(List.of(errorFrame));
            close(POLICY_VIOLATION, reason);
        }
    }

    void close(short status, String reason) {
        socket.close(status, reason);
    }

    @Override
    public synchronized String toString() {
        return "connection " + key + " of " + (terminal == null ? "an unauthenticated terminal" : terminal);
    }
}
