package org.pilegate.routing.internal;

import java.nio.file.Path;

/**
 * Where HTTPS and WSS listen and the certificate they present, validated.
 *
 * @param host address to bind
 * @param port TCP port, 1..65535, not the plain port
 * @param certificateFile PEM certificate (chain)
 * @param keyFile PEM private key of the certificate
 * @param generated whether the gateway generates the pair when neither file exists (none was configured)
 */
record TlsSettings(String host, int port, Path certificateFile, Path keyFile, boolean generated) {

    static final String GENERATED_CERTIFICATE = "tls/gateway-cert.pem";
    static final String GENERATED_KEY = "tls/gateway-key.pem";

    TlsSettings {
        ListenAddress.checkHostAndPort("tlsHost", host, "tlsPort", port);
    }

    /** @param etc the folder relative file names are resolved against, Karaf's etc/ */
    static TlsSettings of(RoutingConfig config, Path etc) {
        String certificate = config.certificateFile().strip();
        String key = config.keyFile().strip();
        if (certificate.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": certificateFile/keyFile: give both, or"
                    + " neither for a generated self-signed certificate; certificateFile is '" + certificate
                    + "', keyFile is '" + key + "'");
        }
        boolean generated = certificate.isEmpty();
        TlsSettings settings = new TlsSettings(config.tlsHost().strip(), config.tlsPort(),
                etc.resolve(generated ? GENERATED_CERTIFICATE : certificate),
                etc.resolve(generated ? GENERATED_KEY : key), generated);
        if (settings.port() == config.port()) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": tlsPort: " + config.tlsPort()
                    + " is the plain HTTP port too");
        }
        return settings;
    }

    /** Whether {@code other} listens where these settings do. */
    boolean listensAsIn(TlsSettings other) {
        return host.equals(other.host) && port == other.port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
