package org.pilegate.routing;

/**
 * The gateway's one HTTP port, for Camel routes of other bundles that serve on it. A {@code RouteBuilder} that
 * references this service starts after the server listens and is stopped before the server closes or moves to
 * another port.
 */
public interface GatewayHttpServer {

    /**
     * The URI of an HTTP endpoint at {@code path} on this server, for one method. Failures never reach the client
     * as a stack trace: routes answer them themselves, and anything they miss is muted.
     */
    String httpUri(String path, String method);

    /**
     * As {@link #httpUri(String, String)}, but the endpoint also serves every path below {@code path}: one route for
     * a whole tree, such as a folder of static files.
     */
    String httpUriBelow(String path, String method);
}
