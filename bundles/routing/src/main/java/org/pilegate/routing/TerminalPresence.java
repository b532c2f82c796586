package org.pilegate.routing;

/** How many terminals are connected to the gateway now. */
public interface TerminalPresence {

    /** Open WebSocket connections, whether authenticated yet or not. */
    int openConnections();

    /** Distinct terminals with at least one authenticated connection. */
    int connectedTerminals();
}
