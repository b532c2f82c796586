package org.pilegate.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate terminal endpoints",
        description = "The HTTP server terminals reach the gateway on: the WebSocket at /api/terminal/ws and the REST"
                + " API under /api/terminal/, both on one host and port. /metrics and /health are served on it too"
                + " (see pilegate metrics and health).")
public @interface RoutingConfig {

    @AttributeDefinition(name = "Host",
            description = "Address to listen on: 0.0.0.0 for every IPv4 interface, 127.0.0.1 for this machine only.")
    String host() default "0.0.0.0";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "TCP port of the terminal WebSocket and REST API.")
    int port() default 8181;

    @AttributeDefinition(name = "WebSocket subprotocols", description = "Subprotocols the server agrees to when a"
            + " WebSocket client offers them; the service at the path checks the one agreed. ocpp1.6: OCPP-J 1.6"
            + " charge points at /ocpp/<id>.")
    String[] webSocketSubProtocols() default {"ocpp1.6"};
}
