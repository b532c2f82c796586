package org.pilegate.uplink.internal;

/** The uplink's topics, after the configured prefix; billing events and answers are never dropped. */
enum Topic {
    SESSIONS("sessions", true),
    CDRS("cdrs", true),
    TELEMETRY("telemetry", false),
    /** The answers to the fleet's commands: never dropped, the fleet waits for them. */
    ACKS("acks", true);

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
