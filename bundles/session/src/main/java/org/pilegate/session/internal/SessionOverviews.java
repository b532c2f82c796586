package org.pilegate.session.internal;

import java.util.List;
import java.util.Optional;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.terminal.FeeNotice;

/** Sessions as operators see them: who, what was delivered so far and what it cost. */
final class SessionOverviews {

    private final JdbcSessions sessions;
    private final JdbcFees fees;

    SessionOverviews(JdbcSessions sessions, JdbcFees fees) {
        this.sessions = sessions;
        this.fees = fees;
    }

    List<SessionOverview> list(SessionQuery query) {
        return sessions.matching(query).stream().map(this::overview).toList();
    }

    Optional<SessionOverview> find(SessionId id) {
        return sessions.find(id).map(this::overview);
    }

    SessionOverview overview(SessionRecord record) {
        ChargingSession session = record.session();
        long registerWh = session.endEnergyWh()
                .or(() -> sessions.latestStatus(record.id()).map(StatusPoint::registerWh))
                .orElse(session.startEnergyWh());
        return new SessionOverview(session, record.account(), record.terminal(), session.deliveredWh(registerWh),
                fees.find(record.id()).map(FeeNotice::total));
    }
}
