package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.store.internal.StoreDatabases;

/** The row of a session on H2 with the store's own migrations; the sessions' tests run them on PostgreSQL too. */
class SessionRowsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T00:00:00.250Z");
    private static final SessionId ID = new SessionId("s-1");
    private static final PileId BAY_07 = new PileId("bay-07");
    private static final String INSERT = "INSERT INTO charging_session (" + SessionRows.COLUMNS + ") VALUES"
            + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource database = StoreDatabases.h2();

    @Test
    void aRecordWithEveryValueComesBackAsWritten() throws SQLException {
        new JdbcVehicleRegistry(database, Clock.fixed(T0, ZoneOffset.UTC)).registerAccount(new AccountId("anna"),
                "Anna");
        ChargingInfo info = new ChargingInfo(ID, BAY_07, Optional.of(new VehicleId("EV-1")), 16, Optional.of(20_000L),
                Optional.of(Money.of(1_250, "EUR")), Optional.of(T0.plusSeconds(7_200)));
        SessionRecord full = new SessionRecord(new ChargingSession(ID, BAY_07, Optional.of(new VehicleId("EV-1")),
                SessionState.FINISHED, T0, 1_000, Optional.of(T0.plusSeconds(3_600)), Optional.of(21_000L),
                Optional.of(info)), Optional.of(new AccountId("anna")), T0, Optional.of(new TerminalId("anna-phone")),
                Optional.of("stopped by terminal anna-phone"));

        assertEquals(full, writtenAndRead(full));
    }

    @Test
    void absentValuesAreNullAndComeBackAbsent() throws SQLException {
        SessionRecord bare = new SessionRecord(new ChargingSession(ID, BAY_07, Optional.empty(), SessionState.PENDING,
                T0, 1_000, Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), T0,
                Optional.empty(), Optional.empty());

        assertEquals(bare, writtenAndRead(bare));
    }

    @Test
    void anUpdateOfASessionThatIsNotStoredFails() throws SQLException {
        SessionRecord unknown = new SessionRecord(new ChargingSession(ID, BAY_07, Optional.empty(),
                SessionState.PENDING, T0, 1_000, Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), T0, Optional.empty(), Optional.empty());
        String update = "UPDATE charging_session SET " + SessionRows.COLUMNS.replace(",", " = ?,")
                + " = ? WHERE session_id = ?";

        try (Connection connection = database.getConnection()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> SessionRows.write(connection, update, unknown, true));
            assertTrue(refused.getMessage().contains("session s-1 is not stored"), refused.getMessage());
        }
    }

    private SessionRecord writtenAndRead(SessionRecord record) throws SQLException {
        try (Connection connection = database.getConnection()) {
            SessionRows.write(connection, INSERT, record, false);
            try (PreparedStatement select = connection.prepareStatement("SELECT " + SessionRows.COLUMNS
                    + " FROM charging_session WHERE session_id = ?")) {
                select.setString(1, ID.value());
                try (ResultSet rows = select.executeQuery()) {
                    assertTrue(rows.next(), "the row is there");
                    return SessionRows.read(rows);
                }
            }
        }
    }
}
