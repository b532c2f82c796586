package org.pilegate.api.pile;

/**
 * What a pile is doing, as tracked by the pile controller from relay, meter and session events.
 */
public enum PileState {
    /** No vehicle plugged in; ready for the next one. */
    AVAILABLE,
    /** A vehicle is plugged in but no charging dialogue has started yet. */
    PLUGGED,
    /** The driver has been prompted at a terminal; waiting for their charging request. */
    PROMPTED,
    /** Contactor closed and current offered to the vehicle. */
    CHARGING,
    /** A session is running but no energy flows: paused by the vehicle or by a 0 A limit. */
    SUSPENDED,
    /** The session is ending: contactor opening, final reading and fee pending, or awaiting unplug. */
    FINISHING,
    /** The pile reports a fault (control pilot error, tripped protection, implausible meter). */
    FAULTED,
    /** Out of service: disabled by the operator or not reachable, so its real state is unknown. */
    UNAVAILABLE
}
