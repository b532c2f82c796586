package org.pilegate.routing.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.terminal.ErrorReply;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.pilegate.api.terminal.TerminalOutbox;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.routing.TerminalPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.http.ServerWebSocket;

/**
 * The terminals' open WebSocket connections, by connection and by terminal (a terminal may hold several), and the
 * {@link TerminalOutbox} that pushes to them. A connection that has not authenticated in time is closed.
 */
@Component(service = {TerminalOutbox.class, TerminalConnections.class, TerminalPresence.class})
public class ConnectedTerminals implements TerminalConnections, TerminalOutbox, TerminalPresence {

    static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ConnectedTerminals.class);

    private final TerminalJson json = new TerminalJson();
    private final Map<String, TerminalConnection> byKey = new ConcurrentHashMap<>();
    private final Map<TerminalId, Set<TerminalConnection>> byTerminal = new ConcurrentHashMap<>();
    private final Duration authenticationTimeout;
    private final GatewayThreads threads;

    @Activate
    public ConnectedTerminals(@Reference GatewayThreads threads) {
        this(threads, AUTHENTICATION_TIMEOUT);
    }

    ConnectedTerminals(GatewayThreads threads, Duration authenticationTimeout) {
        this.threads = threads;
        this.authenticationTimeout = authenticationTimeout;
    }

    @Deactivate
    void deactivate() {
        closeAll();
    }

    @Override
    public void closeAll() {
        byKey.values().forEach(connection -> connection.close(TerminalConnection.GOING_AWAY, "endpoint stopping"));
        byKey.clear();
        byTerminal.clear();
    }

    /** The deadline is judged in the connection's turn, so a first frame that came in time is authenticated. */
    @Override
    public void open(String key, ServerWebSocket socket, Executor inTurn) {
        TerminalConnection connection = new TerminalConnection(key, socket);
        byKey.put(key, connection);
        String timedOut = json.encode(new ErrorReply(ErrorCode.UNAUTHENTICATED,
                "no authentication within " + authenticationTimeout.toSeconds() + " s"));
        connection.authenticationDeadline(threads.after(authenticationTimeout, () -> inTurn.execute(
                () -> connection.closeUnauthenticated(timedOut, "authentication timeout"))));
    }

    @Override
    public Optional<TerminalConnection> connection(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public void authenticated(TerminalConnection connection, TerminalId terminal) {
        connection.authenticatedAs(terminal);
        // in one step with forget(), which drops a terminal's set when its last connection goes
        byTerminal.compute(terminal, (id, connections) -> {
            Set<TerminalConnection> all = connections != null ? connections : ConcurrentHashMap.newKeySet();
            all.add(connection);
            return all;
        });
        LOG.debug("Terminal {} authenticated on {}", terminal, connection);
    }

    @Override
    public void closed(String key) {
        TerminalConnection connection = byKey.remove(key);
        if (connection != null) {
            connection.terminal().ifPresent(terminal -> forget(terminal, connection));
        }
    }

    @Override
    public int openConnections() {
        return byKey.size();
    }

    @Override
    public int connectedTerminals() {
        return byTerminal.size();
    }

    @Override
    public boolean push(TerminalId terminal, TerminalOutbound message) {
        String frame = json.encode(message);
        boolean pushed = false;
        for (TerminalConnection connection : byTerminal.getOrDefault(terminal, Set.of())) {
            if (connection.push(frame)) {
                pushed = true;
            } else {
                // closed while its close event was still on the way
                forget(terminal, connection);
            }
        }
        return pushed;
    }

    private void forget(TerminalId terminal, TerminalConnection connection) {
        byTerminal.computeIfPresent(terminal, (id, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
    }
}
