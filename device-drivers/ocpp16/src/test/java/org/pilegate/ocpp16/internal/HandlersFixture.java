package org.pilegate.ocpp16.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.ReportedSession;
import org.pilegate.api.session.ReportedSessions;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.work.SharedThreads;
import org.pilegate.store.internal.StoreDatabases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A charge point of two connectors with every handler, its transactions on a fresh H2 store; the sessions that bill
 * transactions on their own only record what they are given.
 */
final class HandlersFixture implements AutoCloseable {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final Set<String> REGISTERED_TAGS = Set.of("EV-ANNA");

    final ObjectMapper json = new ObjectMapper();
    final DataSource store = StoreDatabases.h2();
    final JdbcTransactions transactions = new JdbcTransactions(store);
    final SharedThreads threads = new SharedThreads(2);
    final List<ChargePointLink> booted = new ArrayList<>();
    final ChargePointLink link;
    final Map<String, CallHandler> handlers = new HashMap<>();
    final List<ReportedSession> reported = new CopyOnWriteArrayList<>();
    final ReportedSessions sessions = session -> {
        reported.add(session);
        return new SessionOverview(new ChargingSession(session.id(), session.pile(), session.vehicle(),
                SessionState.PAID, session.startedAt(), session.startRegisterWh(), Optional.of(session.endedAt()),
                Optional.of(session.endRegisterWh()), Optional.empty()), Optional.empty(), Optional.empty(),
                session.endRegisterWh() - session.startRegisterWh(), Optional.empty());
    };
    volatile boolean sessionsRunning = true;
    final TransactionBilling billing = new TransactionBilling(transactions, json,
            () -> sessionsRunning ? Optional.of(sessions) : Optional.empty());

    HandlersFixture() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ChargePointId id = new ChargePointId("CP-7");
        link = new ChargePointLink(id, List.of(new Connector(id.pile(1), 1, clock, () -> Duration.ofSeconds(10)),
                new Connector(id.pile(2), 2, clock, () -> Duration.ofSeconds(10))), threads);
        HandlerContext context = new HandlerContext(json, clock, transactions, REGISTERED_TAGS::contains, () -> 300,
                booted::add, billing, () -> sessionsRunning);
        handlers.putAll(CoreHandlers.of(context));
        handlers.putAll(TransactionHandlers.of(context));
    }

    ObjectNode call(String action, String payload) throws JsonProcessingException {
        return handlers.get(action).handle(link, (ObjectNode) json.readTree(payload));
    }

    Connector connector(int id) {
        return link.connector(id).orElseThrow();
    }

    @Override
    public void close() {
        threads.close();
    }
}
