package org.pilegate.session.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server side knows of one pile, and the pile's line of work. Everything but {@link #open} is touched only
 * by steps of {@link #work}, one at a time, so it needs no lock.
 */
final class PileLane {

    private static final Logger LOG = LoggerFactory.getLogger(PileLane.class);

    final PileId id;
    /** The lane's place among the depot's lanes, in the order they were made: which status slot it keeps. */
    final int ordinal;
    final Lane work;
    /** The pile's controller; null while it is not running (before it attached after a restart, or removed). */
    PileController pile;
    AutoCloseable subscription;
    /** Volatile so that a terminal connecting can skip the piles with nothing for it without waiting on them. */
    volatile Optional<SessionRecord> open = Optional.empty();
    long lastSeq;
    String token;
    Instant tokenExpiresAt;
    /** The recorded status of the open session, for its fee so far; null while none is open. */
    FeeSoFar fee;
    /** Status points of the open session its ticks could not commit (the database out of reach), oldest first. */
    List<StatusPoint> held = new ArrayList<>();
    Optional<String> stopReason = Optional.empty();
    Optional<Instant> endingSince = Optional.empty();
    /** Since when the ending session's pile has shown its contactor open. */
    Optional<Instant> openSince = Optional.empty();
    /**
     * The pile's last session, ended before the pile's controller (re)appeared: the vehicle plugged in then may still
     * be there, and is not prompted again until it leaves.
     */
    Optional<SessionRecord> endedBeforeAttach = Optional.empty();
    /**
     * When the pile was first seen with both its devices heard, by its status's time; empty until then. A status it
     * published before that was a guess (a relay not heard yet shows no vehicle) and is passed over when it comes late.
     */
    Optional<Instant> heardSince = Optional.empty();
    /** Whether the ending session's long wait for its contactor to show open was logged. */
    boolean slowEndLogged;
    /** Whether the depot's plan last promised the open session its target by its departure; empty before any. */
    Optional<Boolean> promisedMet = Optional.empty();
    /** Operator stops waiting for the open session to end. */
    List<CompletableFuture<SessionOverview>> stopsWaiting = new ArrayList<>();

    PileLane(PileId id, int ordinal, Lane work) {
        this.id = id;
        this.ordinal = ordinal;
        this.work = work;
    }

    /** The session just opened (or resumed after a restart), with the status points it has recorded. */
    void opened(SessionRecord session, List<StatusPoint> recorded) {
        open = Optional.of(session);
        fee = new FeeSoFar(session.session(), recorded);
        lastSeq = recorded.isEmpty() ? 0 : recorded.get(recorded.size() - 1).seq();
        held = new ArrayList<>();
        stopReason = Optional.empty();
        endingSince = Optional.empty();
        openSince = Optional.empty();
        slowEndLogged = false;
        promisedMet = Optional.empty();
    }

    /** Stores the changed open session, then makes it the lane's. */
    void store(JdbcSessions sessions, SessionRecord session) {
        sessions.update(session);
        open = Optional.of(session);
    }

    /** The points held back and {@code next}, to be committed together, oldest first. */
    List<StatusPoint> dueWith(StatusPoint next) {
        List<StatusPoint> due = new ArrayList<>(held);
        due.add(next);
        return due;
    }

    /**
     * Holds the points of a tick that could not be committed until the database is back; their numbers are taken,
     * those thinned out ({@link HeldStatusBudget}) included.
     *
     * @param kept what is held of them, oldest first, the latest among them
     */
    void hold(List<StatusPoint> kept) {
        held = new ArrayList<>(kept);
        lastSeq = Math.max(lastSeq, kept.get(kept.size() - 1).seq());
    }

    /** The open session ended: the lane waits for the next vehicle. */
    void closed() {
        open = Optional.empty();
        token = null;
        endingSince = Optional.empty();
        openSince = Optional.empty();
        slowEndLogged = false;
        stopReason = Optional.empty();
    }

    /** The session on the pile waiting for its terminal or its charging request. */
    SessionRecord waitingSession() {
        return open.filter(session -> session.state() == SessionState.PENDING).orElseThrow(() -> open.isPresent()
                ? busy() : new DialogueRefusal(ErrorCode.NO_VEHICLE, "no vehicle is waiting at pile " + id));
    }

    /** The open session, which {@code terminal} must be bound to. */
    SessionRecord boundSession(TerminalId terminal) {
        SessionRecord session = open.orElseThrow(() -> new DialogueRefusal(ErrorCode.NO_VEHICLE,
                "no vehicle is waiting at pile " + id));
        if (!session.isBoundTo(terminal)) {
            throw session.terminal().isPresent() ? busy() : new DialogueRefusal(ErrorCode.NOT_ASSOCIATED,
                    "send the association request for pile " + id + " first");
        }
        return session;
    }

    DialogueRefusal busy() {
        return new DialogueRefusal(ErrorCode.PILE_BUSY, "pile " + id + " is in use by another terminal");
    }

    void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Unsubscribing from pile {} failed", id, e);
            }
            subscription = null;
        }
    }
}
