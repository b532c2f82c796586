package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;

/**
 * The numbered status timeline of each session: what its terminal is told, recorded before it is told, so that a
 * terminal that reconnects gets every update it missed and the tariff prices the session from it.
 */
final class StatusLog {

    /** Most updates one resume request gets back; the terminal asks again from the last one it got. */
    static final int MAX_REPLAY = 1_000;

    private final JdbcSessions sessions;
    private final Settlement settlement;
    private final Announcer announcer;
    private final Clock clock;

    StatusLog(JdbcSessions sessions, Settlement settlement, Announcer announcer, Clock clock) {
        this.sessions = sessions;
        this.settlement = settlement;
        this.announcer = announcer;
        this.clock = clock;
    }

    /** Records the next status of the lane's session and sends it to the bound terminal. */
    StatusUpdate announce(PileLane lane, SessionRecord session, PileStatus status) {
        StatusUpdate update = record(lane, session, status);
        session.terminal().ifPresent(terminal -> announcer.push(terminal, update));
        return update;
    }

    /**
     * Records the next status of the lane's session, committed when this returns with the points its ticks held
     * back, for the bound terminal.
     */
    StatusUpdate record(PileLane lane, SessionRecord session, PileStatus status) {
        List<StatusPoint> due = lane.dueWith(next(lane, session, status));
        sessions.appendAll(due.stream().map(point -> new TickBatch.Entry(session.id(), point)).toList());
        return recordedAll(lane, session, due, update -> { });
    }

    /**
     * Stores the lane's changed session with its next status (and the points its ticks held back) in one commit, then
     * makes it the lane's; the update is for the bound terminal.
     */
    StatusUpdate storeAndRecord(PileLane lane, SessionRecord changed, PileStatus status) {
        List<StatusPoint> due = lane.dueWith(next(lane, changed, status));
        sessions.update(changed, due);
        lane.open = Optional.of(changed);
        return recordedAll(lane, changed, due, update -> { });
    }

    /** As {@link #storeAndRecord}, and sends the update to the bound terminal. */
    StatusUpdate storeAndAnnounce(PileLane lane, SessionRecord changed, PileStatus status) {
        StatusUpdate update = storeAndRecord(lane, changed, status);
        changed.terminal().ifPresent(terminal -> announcer.push(terminal, update));
        return update;
    }

    /**
     * The committed points join the lane's timeline, held ones first; {@code each} sees every update.
     *
     * @return the last update
     */
    StatusUpdate recordedAll(PileLane lane, SessionRecord session, List<StatusPoint> committed,
            Consumer<StatusUpdate> each) {
        lane.held = new ArrayList<>();
        StatusUpdate last = null;
        for (StatusPoint point : committed) {
            last = recorded(lane, session, point);
            each.accept(last);
        }
        return last;
    }

    /** The next status point of the lane's session, not recorded yet. */
    StatusPoint next(PileLane lane, SessionRecord session, PileStatus status) {
        boolean delivering = isDelivering(session);
        return new StatusPoint(lane.lastSeq + 1, clock.instant(), session.state(),
                delivering ? Math.max(0, status.powerW()) : 0,
                session.session().endEnergyWh().orElse(Math.max(status.energyWh(), session.session().startEnergyWh())));
    }

    /** The point is stored: it joins the lane's timeline and becomes the update for the terminal. */
    StatusUpdate recorded(PileLane lane, SessionRecord session, StatusPoint point) {
        // past the stored point before pricing it: a tariff that fails must not have the next tick number a point
        // the same again, whose duplicate key would fail that tick's batch for every session at the depot
        lane.lastSeq = point.seq();
        lane.fee.add(point);
        Optional<Money> estimate = isDelivering(session) ? settlement.estimate(lane.fee, point.at()) : Optional.empty();
        return update(session, point, estimate);
    }

    /** Records a status update of a session that has ended, numbered after its last one. */
    StatusUpdate recordEnded(SessionRecord ended) {
        long seq = sessions.latestStatus(ended.id()).map(StatusPoint::seq).orElse(0L) + 1;
        StatusPoint point = new StatusPoint(seq, clock.instant(), ended.state(), 0,
                ended.session().endEnergyWh().orElseThrow());
        sessions.append(ended.id(), point);
        return update(ended, point, Optional.empty());
    }

    /** The updates after {@code lastSeq}, oldest first. */
    List<TerminalOutbound> replay(SessionRecord session, long lastSeq) {
        return sessions.statusAfter(session.id(), lastSeq, MAX_REPLAY).stream()
                .map(point -> (TerminalOutbound) update(session, point, Optional.empty())).toList();
    }

    Optional<StatusUpdate> latest(SessionRecord session) {
        return sessions.latestStatus(session.id()).map(point -> update(session, point, Optional.empty()));
    }

    /**
     * What the store holds for {@code terminal}: the latest update of each open session bound to it, and of each
     * unpaid one with its fee notice.
     */
    List<TerminalOutbound> storedFor(TerminalId terminal) {
        List<TerminalOutbound> stored = new ArrayList<>();
        for (SessionRecord bound : sessions.openBoundTo(terminal)) {
            latest(bound).ifPresent(stored::add);
        }
        for (SessionRecord unpaid : sessions.unpaidBoundTo(terminal)) {
            latest(unpaid).ifPresent(stored::add);
            settlement.feeOf(unpaid).ifPresent(stored::add);
        }
        return stored;
    }

    static boolean isDelivering(SessionRecord session) {
        return session.state() == SessionState.CHARGING || session.state() == SessionState.SUSPENDED;
    }

    private static StatusUpdate update(SessionRecord record, StatusPoint point, Optional<Money> estimate) {
        var session = record.session();
        Instant until = session.endedAt().orElse(point.at());
        Duration elapsed = until.isAfter(session.startedAt()) ? Duration.between(session.startedAt(), until)
                : Duration.ZERO;
        return new StatusUpdate(session.id(), session.pile(), point.seq(), point.state(), point.powerW(),
                session.deliveredWh(point.registerWh()), elapsed, estimate, point.at());
    }
}
