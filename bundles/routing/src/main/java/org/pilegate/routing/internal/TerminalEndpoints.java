package org.pilegate.routing.internal;

import org.pilegate.routing.GatewayHttpServer;

/** The gateway's HTTP port as the terminal routes use it: HTTP endpoints, and WebSocket endpoints on the same port. */
public interface TerminalEndpoints extends GatewayHttpServer {

    /** The URI of a WebSocket endpoint at {@code path} on this server. */
    String webSocketUri(String path);
}
