package org.pilegate.metrics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate metrics and health",
        description = "GET /metrics (Prometheus text format) and GET /health (ready or not, with reasons) on the"
                + " gateway's HTTP port (host and port: org.pilegate.routing). Neither shows a secret, but both show"
                + " the depot's devices and addresses, and that port also faces the terminals: by default only this"
                + " machine and the private networks may read them.")
public @interface MetricsConfig {

    String PID = "org.pilegate.metrics";

    @AttributeDefinition(name = "Serve /metrics", description = "Whether GET /metrics answers; off: 404.")
    boolean metricsEnabled() default true;

    @AttributeDefinition(name = "Serve /health", description = "Whether GET /health answers; off: 404.")
    boolean healthEnabled() default true;

    @AttributeDefinition(name = "Allowed clients",
            description = "Networks, in CIDR notation (10.0.0.0/8, fd00::/8) or single addresses, comma-separated,"
                    + " that may read /metrics and /health; any other client gets 403. The default: loopback and the"
                    + " private IPv4 and IPv6 ranges. Behind a reverse proxy every client has the proxy's address: then filter"
                    + " at the proxy.")
    String[] allowedClients() default {"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
        "fc00::/7"};
}
