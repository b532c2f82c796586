package org.pilegate.routing.internal;

import java.util.regex.Pattern;

/**
 * Where the terminal endpoints listen, validated: a host name or IP literal, and a fixed port (terminals are told
 * where to connect, a random port would reach none of them).
 *
 * @param host address to bind
 * @param port TCP port, 1..65535
 */
record ListenAddress(String host, int port) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");

    ListenAddress {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": host: '" + host
                    + "' is not a host name or IP address (0.0.0.0 listens on every IPv4 interface)");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": port: " + port + " is not 1..65535");
        }
    }

    static ListenAddress of(RoutingConfig config) {
        return new ListenAddress(config.host().strip(), config.port());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
