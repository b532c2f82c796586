package org.pilegate.metrics;

import java.util.Objects;

/**
 * One part of the gateway that can say how it is doing. Registered as a service, it is asked on every
 * {@code GET /health}; the gateway is ready while no check is {@link Status#DOWN}.
 */
public interface HealthCheck {

    enum Status {
        /** Works. */
        UP,
        /** Works in part: the reason says what does not; the gateway still serves everything else. */
        DEGRADED,
        /** Does not work, and the gateway cannot do its job without it: the gateway is not ready. */
        DOWN
    }

    /**
     * @param status how it is doing
     * @param reason why, for operators: what was checked, or what is missing or broken
     */
    record Result(Status status, String reason) {

        public Result {
            Objects.requireNonNull(status, "status");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a health result needs a reason");
            }
        }

        public static Result up(String reason) {
            return new Result(Status.UP, reason);
        }

        public static Result degraded(String reason) {
            return new Result(Status.DEGRADED, reason);
        }

        public static Result down(String reason) {
            return new Result(Status.DOWN, reason);
        }
    }

    /** Short and stable, e.g. {@code store}: monitoring matches on it. */
    String name();

    /**
     * Answers quickly: a check without an answer within 3 s, or one that throws, counts as {@link Status#DOWN}. Checks
     * run side by side, each on a thread of its own.
     */
    Result check();
}
