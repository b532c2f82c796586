package org.pilegate.metrics.internal;

import org.apache.camel.Exchange;

/**
 * Whether a monitoring endpoint answers, and to whom; replaced as a whole when {@value MetricsConfig#PID} changes,
 * so a request sees either the old settings or the new ones.
 *
 * @param served whether the endpoint answers; off: 404
 * @param allowed the networks its clients may come from
 */
record Exposure(boolean served, ClientNetworks allowed) {

    /** @throws IllegalArgumentException naming the PID, the key and the entry that is wrong */
    static Exposure of(boolean served, MetricsConfig config) {
        return new Exposure(served, new ClientNetworks(MetricsConfig.PID + ": allowedClients",
                config.allowedClients()));
    }

    /** Answers 404 when switched off, 403 to a client outside the allowed networks; else the route goes on. */
    boolean refuse(Exchange exchange) {
        if (!served) {
            HttpReply.send(exchange, 404, HttpReply.TEXT, "not found: switched off in " + MetricsConfig.PID + "\n");
            return true;
        }
        return HttpReply.refuseUnlessAllowed(exchange, allowed);
    }
}
