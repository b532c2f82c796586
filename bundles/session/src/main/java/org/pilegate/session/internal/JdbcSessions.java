package org.pilegate.session.internal;

import static org.pilegate.session.internal.SessionRows.COLUMNS;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.uplink.UplinkOutbox;

/**
 * Charging sessions and their status timeline in the store's {@code charging_session} and {@code session_status}
 * tables. Every change is written before it is acted on or announced, so a restart finds what terminals were told. A
 * session opened or moved to another state adds its event to the uplink's outbox in the same transaction.
 */
final class JdbcSessions {

    private static final String OPEN = "('PENDING', 'CHARGING', 'SUSPENDED')";
    private static final String UPDATE = "UPDATE charging_session SET session_id = ?, pile_id = ?, vehicle_id = ?,"
            + " account_id = ?, state = ?, started_at = ?, start_register_wh = ?, prompted_at = ?, bound_terminal_id = ?,"
            + " max_current_a = ?, target_energy_wh = ?, budget_minor_units = ?, budget_currency = ?, departure = ?,"
            + " ended_at = ?, end_register_wh = ?, end_reason = ? WHERE session_id = ?";

    private final DataSource dataSource;
    private final Supplier<Optional<UplinkOutbox>> outbox;

    JdbcSessions(DataSource dataSource) {
        this(dataSource, Optional::empty);
    }

    JdbcSessions(DataSource dataSource, Supplier<Optional<UplinkOutbox>> outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    void insert(SessionRecord record) {
        write("INSERT INTO charging_session (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record, false, List.of());
    }

    /** Writes the record over the stored one; the session id and pile never change. */
    void update(SessionRecord record) {
        update(record, List.of());
    }

    /**
     * Writes the record over the stored one and appends its status points, in one transaction: a change of state
     * and the point that announces it cost one commit, and are stored both or neither.
     */
    void update(SessionRecord record, List<StatusPoint> points) {
        write(UPDATE, record, true, points);
    }

    Optional<SessionRecord> find(SessionId session) {
        return select("SELECT " + COLUMNS + " FROM charging_session WHERE session_id = ?", session.value()).stream()
                .findFirst();
    }

    /** Sessions still delivering or waiting to: what a restart resumes. */
    List<SessionRecord> open() {
        return select("SELECT " + COLUMNS + " FROM charging_session WHERE state IN " + OPEN + " ORDER BY started_at");
    }

    /** Open sessions bound to the terminal. */
    List<SessionRecord> openBoundTo(TerminalId terminal) {
        return select("SELECT " + COLUMNS + " FROM charging_session WHERE bound_terminal_id = ? AND state IN " + OPEN
                + " ORDER BY started_at", terminal.value());
    }

    /** Finished sessions bound to the terminal: their fee is due. */
    List<SessionRecord> unpaidBoundTo(TerminalId terminal) {
        return select("SELECT " + COLUMNS + " FROM charging_session WHERE bound_terminal_id = ? AND state = 'FINISHED'"
                + " ORDER BY started_at", terminal.value());
    }

    /** Finished sessions not yet paid, oldest first, at most {@code limit}: what settling after a restart looks at. */
    List<SessionRecord> unpaid(int limit) {
        return select("SELECT " + COLUMNS + " FROM charging_session WHERE state = 'FINISHED' ORDER BY ended_at"
                + " LIMIT " + limit);
    }

    /** The session that started last on the pile, of any state. */
    Optional<SessionRecord> latestOn(PileId pile) {
        return matching(new SessionQuery(Set.of(), Optional.empty(), Optional.of(pile), 1)).stream().findFirst();
    }

    /** Sessions matching the operator's query, newest first. */
    List<SessionRecord> matching(SessionQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM charging_session WHERE 1 = 1");
        List<String> parameters = new ArrayList<>();
        if (!query.states().isEmpty()) {
            sql.append(" AND state IN (").append(String.join(", ", Collections.nCopies(query.states().size(), "?")))
                    .append(')');
            query.states().stream().map(SessionState::name).sorted().forEach(parameters::add);
        }
        query.account().ifPresent(account -> {
            sql.append(" AND account_id = ?");
            parameters.add(account.value());
        });
        query.pile().ifPresent(pile -> {
            sql.append(" AND pile_id = ?");
            parameters.add(pile.value());
        });
        sql.append(" ORDER BY started_at DESC, session_id DESC LIMIT ").append(query.limit());
        return select(sql.toString(), parameters.toArray(String[]::new));
    }

    void append(SessionId session, StatusPoint point) {
        appendAll(List.of(new TickBatch.Entry(session, point)));
    }

    /** Appends the points in one transaction: all are stored, or none. */
    void appendAll(List<TickBatch.Entry> points) {
        if (points.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                insertPoints(connection, points);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            TickBatch.Entry first = points.get(0);
            throw new IllegalStateException("cannot record status " + first.point().seq() + " of session "
                    + first.session() + (points.size() > 1 ? " and " + (points.size() - 1) + " more" : ""), e);
        }
    }

    /**
     * A point already there is skipped: a commit whose answer was lost with the connection did store it, and the
     * points held since are written again once the database is back.
     */
    private static void insertPoints(Connection connection, List<TickBatch.Entry> points) throws SQLException {
        if (points.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO session_status"
                + " (session_id, seq, at, state, power_w, register_wh)"
                + " SELECT ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ?, ?, ?"
                + " WHERE NOT EXISTS (SELECT 1 FROM session_status WHERE session_id = ? AND seq = ?)")) {
            for (TickBatch.Entry entry : points) {
                StatusPoint point = entry.point();
                insert.setString(1, entry.session().value());
                insert.setLong(2, point.seq());
                insert.setTimestamp(3, Timestamp.from(point.at()));
                insert.setString(4, point.state().name());
                insert.setLong(5, point.powerW());
                insert.setLong(6, point.registerWh());
                insert.setString(7, entry.session().value());
                insert.setLong(8, point.seq());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The status updates after {@code seq}, oldest first, at most {@code limit}. */
    List<StatusPoint> statusAfter(SessionId session, long seq, int limit) {
        return points("SELECT seq, at, state, power_w, register_wh FROM session_status WHERE session_id = ?"
                + " AND seq > ? ORDER BY seq", session, seq, limit);
    }

    Optional<StatusPoint> latestStatus(SessionId session) {
        return points("SELECT seq, at, state, power_w, register_wh FROM session_status WHERE session_id = ?"
                + " AND seq > ? ORDER BY seq DESC", session, 0, 1).stream().findFirst();
    }

    private List<StatusPoint> points(String sql, SessionId session, long seq, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, session.value());
            select.setLong(2, seq);
            select.setMaxRows(limit);
            List<StatusPoint> points = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    points.add(new StatusPoint(rows.getLong(1), rows.getTimestamp(2).toInstant(),
                            SessionState.valueOf(rows.getString(3)), rows.getLong(4), rows.getLong(5)));
                }
            }
            return points;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the status of session " + session, e);
        }
    }

    /**
     * Runs an insert or update whose first 17 parameters are the columns, and an update's 18th the session id; with
     * the uplink's event when the state is new and the session's status points, in one transaction.
     */
    private void write(String sql, SessionRecord record, boolean keyedUpdate, List<StatusPoint> points) {
        ChargingSession session = record.session();
        Optional<UplinkOutbox> uplink = outbox.get();
        try (Connection connection = dataSource.getConnection()) {
            if (uplink.isEmpty() && points.isEmpty()) {
                SessionRows.write(connection, sql, record, keyedUpdate);
                return;
            }
            connection.setAutoCommit(false);
            try {
                Optional<SessionState> before = keyedUpdate && uplink.isPresent()
                        ? storedState(connection, session.id()) : Optional.empty();
                SessionRows.write(connection, sql, record, keyedUpdate);
                if (uplink.isPresent() && before.filter(session.state()::equals).isEmpty()) {
                    uplink.get().sessionChanged(connection, session);
                }
                insertPoints(connection, points.stream().map(point -> new TickBatch.Entry(session.id(), point))
                        .toList());
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store session " + session.id(), e);
        }
    }

    private static Optional<SessionState> storedState(Connection connection, SessionId session) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT state FROM charging_session WHERE session_id = ? FOR UPDATE")) {
            select.setString(1, session.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(SessionState.valueOf(row.getString(1))) : Optional.empty();
            }
        }
    }

    private List<SessionRecord> select(String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<SessionRecord> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(SessionRows.read(rows));
                }
            }
            return records;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read charging sessions", e);
        }
    }
}
