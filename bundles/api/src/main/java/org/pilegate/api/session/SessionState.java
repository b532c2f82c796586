package org.pilegate.api.session;

/**
 * Lifecycle of a charging session:
 * <pre>
 * PENDING -> CHARGING <-> SUSPENDED
 *    |          |             |
 *    +----------+-------------+--> FINISHED -> PAID
 *    +----------+-------------+--> FAILED
 * </pre>
 * PAID and FAILED are final. A session the driver stops before any energy flowed still goes
 * through FINISHED, so a flat fee can be charged.
 */
public enum SessionState {
    /** Opened on plug-in; waiting for the driver's request and authorisation. */
    PENDING,
    /** Authorised; the contactor is closed and energy flows. */
    CHARGING,
    /** Authorised but paused, by the vehicle or by a 0 A limit. */
    SUSPENDED,
    /** Energy delivery ended and the final register is taken; the fee is due. */
    FINISHED,
    /** The terminal confirmed payment of the fee. */
    PAID,
    /** Aborted by a fault, a rejected authorisation or a timeout; nothing is billed. */
    FAILED;

    /** Whether the lifecycle allows going from this state to {@code next}. */
    public boolean canMoveTo(SessionState next) {
        return switch (this) {
            case PENDING -> next == CHARGING || next == FINISHED || next == FAILED;
            case CHARGING -> next == SUSPENDED || next == FINISHED || next == FAILED;
            case SUSPENDED -> next == CHARGING || next == FINISHED || next == FAILED;
            case FINISHED -> next == PAID;
            case PAID, FAILED -> false;
        };
    }

    /** Whether energy delivery is over, so the session has an end time. */
    public boolean hasEnded() {
        return this == FINISHED || this == PAID || this == FAILED;
    }
}
