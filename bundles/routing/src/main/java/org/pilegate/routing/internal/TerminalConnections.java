package org.pilegate.routing.internal;

import java.util.Optional;
import java.util.concurrent.Executor;

import org.pilegate.api.terminal.TerminalId;

import io.vertx.core.http.ServerWebSocket;

/** The terminals' open WebSocket connections, as the WebSocket route opens, authenticates and closes them. */
public interface TerminalConnections {

    /**
     * A connection opened; it is closed unless it authenticates in time.
     *
     * @param inTurn runs a task after every event that has arrived on the connection so far
     */
    void open(String key, ServerWebSocket socket, Executor inTurn);

    Optional<TerminalConnection> connection(String key);

    /** From now on the connection is the terminal's, and pushes to the terminal go to it. */
    void authenticated(TerminalConnection connection, TerminalId terminal);

    void closed(String key);

    /** Closes and forgets every connection, as when the WebSocket endpoint stops. */
    void closeAll();
}
