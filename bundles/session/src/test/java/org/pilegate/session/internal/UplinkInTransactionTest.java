package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.store.internal.StoreDatabases;

/**
 * The uplink's events are written in the transaction of the session change or fee that causes them: both are stored,
 * or neither. The outbox double writes a row through the transaction it is handed, as the uplink does.
 */
class UplinkInTransactionTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final SessionId SESSION = new SessionId("s-1");

    private final DataSource store = StoreDatabases.h2();
    private final TableOutbox outbox = new TableOutbox();
    private final JdbcSessions sessions = new JdbcSessions(store, () -> Optional.of(outbox));

    @Test
    void anOpenedSessionAndEachNewStateAddOneEvent() {
        sessions.insert(record(SessionState.PENDING));
        sessions.update(record(SessionState.PENDING));
        sessions.update(record(SessionState.CHARGING));

        assertEquals(List.of("PENDING", "CHARGING"), outbox.stored(store), "an update in the same state adds none");
    }

    @Test
    void whenTheEventCannotBeWrittenTheChangeIsNotStoredEither() {
        sessions.insert(record(SessionState.PENDING));
        outbox.failing = true;

        assertThrows(IllegalStateException.class, () -> sessions.update(record(SessionState.CHARGING)));
        assertThrows(IllegalStateException.class, () -> sessions.update(record(SessionState.CHARGING),
                List.of(new StatusPoint(1, T0, SessionState.CHARGING, 7_000, 1_000))));

        assertEquals(SessionState.PENDING, sessions.find(SESSION).orElseThrow().state());
        assertEquals(List.of("PENDING"), outbox.stored(store));
        assertEquals(List.of(), sessions.statusAfter(SESSION, 0, 10), "nor the point that announces it");
    }

    @Test
    void anIssuedFeeAddsItsChargeRecordOnceWithTheNotice() {
        sessions.insert(record(SessionState.FINISHED));
        JdbcFees fees = new JdbcFees(store, () -> Optional.of(outbox));
        FeeNotice fee = new FeeNotice(SESSION, "fee-1", Money.of(119, "EUR"), List.of(new FeeLine(
                FeeLine.Component.FLAT, 1, "session", Money.of(100, "EUR"), Optional.of(Money.of(19, "EUR")))),
                T0.plusSeconds(3_600));

        PricedSession priced = new PricedSession(fee.total(), fee.lines(), "standard-2026");

        fees.issue(record(SessionState.FINISHED), fee, priced);
        fees.issue(record(SessionState.FINISHED), new FeeNotice(SESSION, "fee-2", fee.total(), fee.lines(),
                fee.issuedAt()), priced);

        assertEquals(List.of("FINISHED", "priced fee-1 for no account"), outbox.stored(store),
                "the second notice is refused, and its record rolled back with it");
    }

    private static SessionRecord record(SessionState state) {
        ChargingSession session = new ChargingSession(SESSION, new PileId("bay-07"), Optional.empty(), state, T0,
                1_000, state.hasEnded() ? Optional.of(T0.plusSeconds(3_000)) : Optional.empty(),
                state.hasEnded() ? Optional.of(2_000L) : Optional.empty(), Optional.empty());
        return new SessionRecord(session, Optional.empty(), T0, Optional.empty(), Optional.empty());
    }

    /** Writes what it is told into the outbox table, on the caller's transaction. */
    private static final class TableOutbox implements UplinkOutbox {

        boolean failing;

        @Override
        public void sessionChanged(Connection transaction, ChargingSession session) throws SQLException {
            write(transaction, session.state().name());
        }

        @Override
        public void sessionPriced(Connection transaction, ChargingSession session, Optional<AccountId> account,
                FeeNotice fee, PricedSession priced) throws SQLException {
            write(transaction, "priced " + fee.feeId() + " for " + account.map(AccountId::value).orElse("no account"));
        }

        private void write(Connection transaction, String payload) throws SQLException {
            if (failing) {
                throw new SQLException("the outbox is full");
            }
            try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO uplink_outbox (event_id,"
                    + " topic, record_key, billing, payload, size_bytes, created_at) VALUES (?, 'SESSIONS', 'k',"
                    + " TRUE, ?, 1, CURRENT_TIMESTAMP)")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, payload);
                insert.executeUpdate();
            }
        }

        List<String> stored(DataSource store) {
            try (Connection connection = store.getConnection();
                    PreparedStatement select = connection.prepareStatement("SELECT payload FROM uplink_outbox"
                            + " ORDER BY seq");
                    ResultSet rows = select.executeQuery()) {
                List<String> payloads = new ArrayList<>();
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
                return payloads;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
