package org.pilegate.routing.internal;

import java.lang.annotation.Annotation;

/** Configurations of the terminal endpoints as Configuration Admin hands them over. */
final class RoutingConfigs {

    private RoutingConfigs() {
    }

    /** Plain HTTP on {@code host:port}, HTTPS on 127.0.0.1:{@code tlsPort} with the generated certificate. */
    static RoutingConfig config(String host, int port, int tlsPort) {
        return config(host, port, tlsPort, "", "");
    }

    static RoutingConfig config(String host, int port, int tlsPort, String certificateFile, String keyFile) {
        return new RoutingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RoutingConfig.class;
            }

            @Override
            public String host() {
                return host;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public String tlsHost() {
                return "127.0.0.1";
            }

            @Override
            public int tlsPort() {
                return tlsPort;
            }

            @Override
            public String certificateFile() {
                return certificateFile;
            }

            @Override
            public String keyFile() {
                return keyFile;
            }

            @Override
            public String[] webSocketSubProtocols() {
                return new String[] {"ocpp1.6"};
            }
        };
    }
}
