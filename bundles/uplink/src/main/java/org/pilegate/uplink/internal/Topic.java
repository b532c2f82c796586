package org.pilegate.uplink.internal;

/** The uplink's topics, after the configured prefix; billing events are never dropped. */
enum Topic {
    SESSIONS("sessions", true),
    CDRS("cdrs", true),
    TELEMETRY("telemetry", false);

    private final String suffix;
    private final boolean billing;

    Topic(String suffix, boolean billing) {
        this.suffix = suffix;
        this.billing = billing;
    }

    String suffix() {
        return suffix;
    }

    boolean billing() {
        return billing;
    }
}
