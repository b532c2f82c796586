package org.pilegate.session.internal;

import java.time.Instant;
import java.util.Objects;

import org.pilegate.api.session.SessionState;

/**
 * One status update of a session as recorded: the sequence number the terminal saw and the pile's figures then.
 *
 * @param seq per-session number, from 1
 * @param at when the figures were taken
 * @param state the session's state
 * @param powerW active power towards the vehicle, in W
 * @param registerWh the meter's absolute import register, in Wh
 */
record StatusPoint(long seq, Instant at, SessionState state, long powerW, long registerWh) {

    StatusPoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(state, "state");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be positive: " + seq);
        }
    }
}
