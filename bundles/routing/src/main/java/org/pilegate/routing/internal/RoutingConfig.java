package org.pilegate.routing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate terminal endpoints",
        description = "The HTTP server terminals reach the gateway on: the WebSocket at /api/terminal/ws and the REST"
                + " API under /api/terminal/, both on one host and port. /metrics and /health are served on it too"
                + " (see pilegate metrics and health). Everything is served twice: over HTTPS/WSS on the TLS port, and"
                + " over plain HTTP on the port for local use.")
public @interface RoutingConfig {

    @AttributeDefinition(name = "Host",
            description = "Address plain HTTP listens on: 127.0.0.1 for this machine only, 0.0.0.0 for every IPv4"
                    + " interface (credentials then cross the network in the clear).")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "TCP port of plain HTTP and WebSocket.")
    int port() default 8181;

    @AttributeDefinition(name = "TLS host",
            description = "Address HTTPS and WSS listen on: 0.0.0.0 for every IPv4 interface.")
    String tlsHost() default "0.0.0.0";

    @AttributeDefinition(name = "TLS port", min = "1", max = "65535",
            description = "TCP port of HTTPS and WSS (TLS 1.2 and 1.3 only).")
    int tlsPort() default 8443;

    @AttributeDefinition(name = "Certificate file", description = "PEM file of the server certificate (its chain may"
            + " follow), relative to etc/. Empty with an empty key file: a self-signed certificate generated in"
            + " etc/tls/ on first start and kept. A replaced file is used by the next TLS handshake.")
    String certificateFile() default "";

    @AttributeDefinition(name = "Key file", description = "PEM file of the certificate's private key, unencrypted"
            + " PKCS #8 (BEGIN PRIVATE KEY), RSA or EC, relative to etc/. Empty with an empty certificate file:"
            + " generated.")
    String keyFile() default "";

    @AttributeDefinition(name = "WebSocket subprotocols", description = "Subprotocols the server agrees to when a"
            + " WebSocket client offers them; the service at the path checks the one agreed. ocpp1.6: OCPP-J 1.6"
            + " charge points at /ocpp/<id>.")
    String[] webSocketSubProtocols() default {"ocpp1.6"};
}
