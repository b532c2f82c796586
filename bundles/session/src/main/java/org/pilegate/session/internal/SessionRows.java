package org.pilegate.session.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;

/** A session record as a row of the store's {@code charging_session} table, and back: absent values are NULL. */
final class SessionRows {

    /** What charging_session.end_reason holds at most. */
    private static final int END_REASON_CHARS = 200;
    static final String COLUMNS = "session_id, pile_id, vehicle_id, account_id, state, started_at,"
            + " start_register_wh, prompted_at, bound_terminal_id, max_current_a, target_energy_wh,"
            + " budget_minor_units, budget_currency, departure, ended_at, end_register_wh, end_reason";

    private SessionRows() {
    }

    /**
     * Writes {@code record} with {@code sql}, an insert or update whose first 17 parameters are the columns in the
     * order of {@link #COLUMNS}, and an update's 18th the session id.
     */
    static void write(Connection connection, String sql, SessionRecord record, boolean keyedUpdate)
            throws SQLException {
        ChargingSession session = record.session();
        Optional<ChargingInfo> info = session.info();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, session.id().value());
            statement.setString(2, session.pile().value());
            statement.setString(3, session.vehicle().map(VehicleId::value).orElse(null));
            statement.setString(4, record.account().map(AccountId::value).orElse(null));
            statement.setString(5, session.state().name());
            statement.setTimestamp(6, Timestamp.from(session.startedAt()));
            statement.setLong(7, session.startEnergyWh());
            statement.setTimestamp(8, Timestamp.from(record.promptedAt()));
            statement.setString(9, record.terminal().map(TerminalId::value).orElse(null));
            setInt(statement, 10, info.map(ChargingInfo::maxCurrentA));
            setLong(statement, 11, info.flatMap(ChargingInfo::targetEnergyWh));
            Optional<Money> budget = info.flatMap(ChargingInfo::budget);
            setLong(statement, 12, budget.map(Money::minorUnits));
            statement.setString(13, budget.map(money -> money.currency().getCurrencyCode()).orElse(null));
            statement.setTimestamp(14, info.flatMap(ChargingInfo::departure).map(Timestamp::from).orElse(null));
            statement.setTimestamp(15, session.endedAt().map(Timestamp::from).orElse(null));
            setLong(statement, 16, session.endEnergyWh());
            statement.setString(17, record.endReason().map(SessionRows::kept).orElse(null));
            if (keyedUpdate) {
                statement.setString(18, session.id().value());
            }
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("session " + session.id() + " is not stored");
            }
        }
    }

    /** An end reason as the store keeps it: its column takes 200 characters, and a session must end whatever it says. */
    private static String kept(String reason) {
        return reason.length() <= END_REASON_CHARS ? reason : reason.substring(0, END_REASON_CHARS - 1) + "…";
    }

    /** The record in the current row of {@code rows}, selected with {@link #COLUMNS}. */
    static SessionRecord read(ResultSet rows) throws SQLException {
        SessionId id = new SessionId(rows.getString("session_id"));
        PileId pile = new PileId(rows.getString("pile_id"));
        Optional<VehicleId> vehicle = Optional.ofNullable(rows.getString("vehicle_id")).map(VehicleId::new);
        Optional<ChargingInfo> info = Optional.empty();
        int maxCurrentA = rows.getInt("max_current_a");
        if (!rows.wasNull()) {
            long budgetMinorUnits = rows.getLong("budget_minor_units");
            Optional<Money> budget = rows.wasNull() ? Optional.empty()
                    : Optional.of(Money.of(budgetMinorUnits, rows.getString("budget_currency")));
            info = Optional.of(new ChargingInfo(id, pile, vehicle, maxCurrentA,
                    optionalLong(rows, "target_energy_wh"), budget, instant(rows, "departure")));
        }
        ChargingSession session = new ChargingSession(id, pile, vehicle,
                SessionState.valueOf(rows.getString("state")), rows.getTimestamp("started_at").toInstant(),
                rows.getLong("start_register_wh"), instant(rows, "ended_at"), optionalLong(rows, "end_register_wh"),
                info);
        return new SessionRecord(session,
                Optional.ofNullable(rows.getString("account_id")).map(AccountId::new),
                rows.getTimestamp("prompted_at").toInstant(),
                Optional.ofNullable(rows.getString("bound_terminal_id")).map(TerminalId::new),
                Optional.ofNullable(rows.getString("end_reason")));
    }

    private static Optional<Long> optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getTimestamp(column)).map(Timestamp::toInstant);
    }

    private static void setLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    private static void setInt(PreparedStatement statement, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.get());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }
}
