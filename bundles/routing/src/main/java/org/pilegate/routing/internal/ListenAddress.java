package org.pilegate.routing.internal;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the terminal endpoints listen, validated: a host name or IP literal, and a fixed port (terminals are told
 * where to connect, a random port would reach none of them).
 *
 * @param host address to bind
 * @param port TCP port, 1..65535
 * @param webSocketSubProtocols the subprotocols a WebSocket handshake may agree on
 */
record ListenAddress(String host, int port, List<String> webSocketSubProtocols) {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%-]{1,253}");
    /** RFC 6455: a subprotocol is a token, printable ASCII without separators. */
    private static final Pattern SUBPROTOCOL = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    static final List<String> DEFAULT_SUBPROTOCOLS = List.of("ocpp1.6");

    ListenAddress(String host, int port) {
        this(host, port, DEFAULT_SUBPROTOCOLS);
    }

    ListenAddress {
        checkHostAndPort("host", host, "port", port);
        webSocketSubProtocols = List.copyOf(webSocketSubProtocols);
        for (String subProtocol : webSocketSubProtocols) {
            if (!SUBPROTOCOL.matcher(subProtocol).matches()) {
                throw new IllegalArgumentException(TerminalHttpServer.PID + ": webSocketSubProtocols: '" + subProtocol
                        + "' is not a subprotocol name (letters, digits and . _ - and the like, no spaces or commas)");
            }
        }
    }

    /** Refuses a host or port that cannot be listened on, naming the PID and the configuration key. */
    static void checkHostAndPort(String hostKey, String host, String portKey, int port) {
        if (host == null || !HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": " + hostKey + ": '" + host
                    + "' is not a host name or IP address (0.0.0.0 listens on every IPv4 interface)");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": " + portKey + ": " + port
                    + " is not 1..65535");
        }
    }

    static ListenAddress of(RoutingConfig config) {
        return new ListenAddress(config.host().strip(), config.port(),
                Arrays.stream(config.webSocketSubProtocols()).map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
