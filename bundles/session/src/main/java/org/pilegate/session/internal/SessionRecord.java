package org.pilegate.session.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * A charging session as the server side keeps it: the session, who it is for, the prompt that opened it and the
 * terminal bound to it.
 *
 * @param session the session itself
 * @param account the account of the vehicle, when the vehicle is registered
 * @param promptedAt when the prompt that the association token answers went out
 * @param terminal the terminal bound to the session, once an association request was accepted
 * @param endReason why energy delivery ended, once it did
 */
record SessionRecord(ChargingSession session, Optional<AccountId> account, Instant promptedAt,
        Optional<TerminalId> terminal, Optional<String> endReason) {

    SessionRecord {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(promptedAt, "promptedAt");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(endReason, "endReason");
    }

    /** A session opened on plug-in, waiting for its terminal. */
    static SessionRecord opened(PileId pile, Optional<VehicleId> vehicle, Optional<AccountId> account,
            long registerWh, Instant now) {
        ChargingSession session = new ChargingSession(SessionId.random(), pile, vehicle, SessionState.PENDING, now,
                registerWh, Optional.empty(), Optional.empty(), Optional.empty());
        return new SessionRecord(session, account, now, Optional.empty(), Optional.empty());
    }

    SessionId id() {
        return session.id();
    }

    SessionState state() {
        return session.state();
    }

    boolean isBoundTo(TerminalId candidate) {
        return terminal.filter(candidate::equals).isPresent();
    }

    SessionRecord reprompted(Instant at) {
        return new SessionRecord(session, account, at, terminal, endReason);
    }

    SessionRecord boundTo(TerminalId bound) {
        return new SessionRecord(session, account, promptedAt, Optional.of(bound), endReason);
    }

    SessionRecord authorised(ChargingInfo info) {
        return withSession(new ChargingSession(session.id(), session.pile(), session.vehicle(), session.state(),
                session.startedAt(), session.startEnergyWh(), Optional.empty(), Optional.empty(), Optional.of(info)));
    }

    /** The session in {@code next}, which must not be an end state. */
    SessionRecord moved(SessionState next) {
        return withSession(new ChargingSession(session.id(), session.pile(), session.vehicle(), checked(next),
                session.startedAt(), session.startEnergyWh(), Optional.empty(), Optional.empty(), session.info()));
    }

    /**
     * The session ended in {@code end} at {@code registerWh}, {@code at}; a time before its start (the wall clock set back across a restart) ends it at its
     * start, so that it still ends, and its fee is priced from the recorded timeline.
     */
    SessionRecord ended(SessionState end, Instant at, long registerWh, String reason) {
        Instant endedAt = at.isBefore(session.startedAt()) ? session.startedAt() : at;
        ChargingSession ended = new ChargingSession(session.id(), session.pile(), session.vehicle(), checked(end),
                session.startedAt(), session.startEnergyWh(), Optional.of(endedAt), Optional.of(registerWh),
                session.info());
        return new SessionRecord(ended, account, promptedAt, terminal, Optional.of(reason));
    }

    /** The fee of the ended session was paid. */
    SessionRecord paid() {
        ChargingSession ended = session;
        return withSession(new ChargingSession(ended.id(), ended.pile(), ended.vehicle(), checked(SessionState.PAID),
                ended.startedAt(), ended.startEnergyWh(), ended.endedAt(), ended.endEnergyWh(), ended.info()));
    }

    private SessionRecord withSession(ChargingSession changed) {
        return new SessionRecord(changed, account, promptedAt, terminal, endReason);
    }

    private SessionState checked(SessionState next) {
        if (next != session.state() && !session.state().canMoveTo(next)) {
            throw new IllegalStateException("session " + session.id() + " cannot go from " + session.state()
                    + " to " + next);
        }
        return next;
    }
}
