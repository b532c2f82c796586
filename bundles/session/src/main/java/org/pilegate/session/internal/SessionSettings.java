package org.pilegate.session.internal;

import java.time.Duration;

/**
 * The session service's configuration in force, in units: checked as a whole, so that a wrong value refuses the
 * configuration and the last good one stays.
 *
 * @param statusInterval how often a running session's status goes to its terminal
 * @param promptLifetime how long an association token is accepted
 * @param admissionBacklog how far behind the shared workers may be for a new charge to be taken on
 * @param heldStatusBudgetMiB the memory for status points held while the database is out of reach
 */
record SessionSettings(Duration statusInterval, Duration promptLifetime, Duration admissionBacklog,
        int heldStatusBudgetMiB) {

    /** @throws IllegalArgumentException naming the first setting below its minimum */
    static SessionSettings checked(SessionConfig config) {
        atLeast("statusIntervalMs", config.statusIntervalMs(), 200, "ms");
        atLeast("promptLifetimeS", config.promptLifetimeS(), 10, "s");
        atLeast("admissionBacklogMs", config.admissionBacklogMs(), 10, "ms");
        atLeast("heldStatusBudgetMiB", config.heldStatusBudgetMiB(), 1, "MiB");
        return new SessionSettings(Duration.ofMillis(config.statusIntervalMs()),
                Duration.ofSeconds(config.promptLifetimeS()), Duration.ofMillis(config.admissionBacklogMs()),
                config.heldStatusBudgetMiB());
    }

    private static void atLeast(String setting, int value, int least, String unit) {
        if (value < least) {
            throw new IllegalArgumentException("configuration " + ChargingSessions.PID + ": " + setting
                    + ": must be at least " + least + " " + unit + ", not " + value);
        }
    }
}
