package org.pilegate.ocpp16.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.pilegate.api.ocpp.ChargePointId;

/**
 * The charge points' transactions in the store's {@code ocpp_transaction} table, committed before they are
 * acknowledged: a transaction the charge point was told the id of is never lost, and one it reports twice is
 * numbered once.
 */
final class JdbcTransactions {

    /**
     * A transaction still running.
     *
     * @param released whether its session ended while the charge point was away, so it is to be told to stop
     */
    record Open(int transactionId, int connectorId, String idTag, long meterStartWh, boolean released) {
    }

    /**
     * A stopped transaction no session billed: the charge point ran it on its own; or the part of one after its
     * session ended while the charge point was away (then {@code meterStartWh} and {@code startedAt} are where the
     * session ended).
     *
     * @param transactionData the stop's transactionData as JSON, if it had any
     */
    record Unbilled(ChargePointId chargePoint, int transactionId, int connectorId, String idTag, long meterStartWh,
            Instant startedAt, long meterStopWh, Instant stoppedAt, String reason, Optional<String> transactionData) {
    }

    private static final String UNBILLED = "SELECT charge_point_id, transaction_id, connector_id, id_tag,"
            + " COALESCE(released_wh, meter_start_wh), COALESCE(released_at, started_at), meter_stop_wh, stopped_at,"
            + " stop_reason, transaction_data FROM ocpp_transaction WHERE stopped_at IS NOT NULL"
            + " AND (NOT by_session OR released_wh IS NOT NULL) AND billed_session_id IS NULL";

    private final DataSource dataSource;

    JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a started transaction, or finds the one recorded for the same start; returns its id.
     *
     * @param bySession whether a pile's session bills it (the gateway asked for it)
     */
    int start(ChargePointId chargePoint, int connectorId, String idTag, long meterStartWh, Instant startedAt,
            boolean bySession) {
        try (Connection connection = dataSource.getConnection()) {
            int existing = find(connection, chargePoint, connectorId, startedAt);
            if (existing > 0) {
                return existing;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ocpp_transaction"
                    + " (charge_point_id, connector_id, id_tag, meter_start_wh, started_at, by_session)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, chargePoint.value());
                insert.setInt(2, connectorId);
                insert.setString(3, idTag);
                insert.setLong(4, meterStartWh);
                insert.setTimestamp(5, Timestamp.from(startedAt));
                insert.setBoolean(6, bySession);
                insert.executeUpdate();
                try (ResultSet key = insert.getGeneratedKeys()) {
                    key.next();
                    return key.getInt(1);
                }
            } catch (SQLException duplicate) {
                // the same start reported on a second connection at the same moment
                int raced = find(connection, chargePoint, connectorId, startedAt);
                if (raced > 0) {
                    return raced;
                }
                throw duplicate;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the transaction of " + chargePoint + " connector "
                    + connectorId, e);
        }
    }

    /**
     * Records the stop once; a stop reported again changes nothing.
     *
     * @param transactionData the stop's meter values as JSON, kept to bill a transaction no session billed
     * @return whether this was the first report
     */
    boolean stop(int transactionId, long meterStopWh, Instant stoppedAt, String reason,
            Optional<String> transactionData) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE ocpp_transaction SET meter_stop_wh = ?,"
                        + " stopped_at = ?, stop_reason = ?, transaction_data = ? WHERE transaction_id = ?"
                        + " AND stopped_at IS NULL")) {
            update.setLong(1, meterStopWh);
            update.setTimestamp(2, Timestamp.from(stoppedAt));
            update.setString(3, reason);
            update.setString(4, transactionData.orElse(null));
            update.setInt(5, transactionId);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the stop of transaction " + transactionId, e);
        }
    }

    /** A pile's session took the transaction over (charging a local start): the session bills it. */
    void billedBySession(int transactionId) {
        execute("UPDATE ocpp_transaction SET by_session = TRUE, released_wh = NULL, released_at = NULL"
                + " WHERE transaction_id = ?", transactionId, null);
    }

    /**
     * The transaction's session ended at {@code registerWh} while the charge point was away; the rest is the
     * transaction's own to bill once stopped. The first release counts.
     */
    void released(int transactionId, long registerWh, Instant at) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE ocpp_transaction SET released_wh = ?,"
                        + " released_at = ? WHERE transaction_id = ? AND released_wh IS NULL AND stopped_at IS NULL")) {
            update.setLong(1, registerWh);
            update.setTimestamp(2, Timestamp.from(at));
            update.setInt(3, transactionId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release transaction " + transactionId, e);
        }
    }

    /** The transaction was billed as the session {@code sessionId}. */
    void billed(int transactionId, String sessionId) {
        execute("UPDATE ocpp_transaction SET billed_session_id = ? WHERE transaction_id = ?", transactionId,
                sessionId);
    }

    /** The transaction, if it is stopped and still to be billed on its own. */
    Optional<Unbilled> unbilled(int transactionId) {
        return unbilled(UNBILLED + " AND transaction_id = ?", select -> select.setInt(1, transactionId)).stream()
                .findFirst();
    }

    /** The charge point's stopped transactions still to be billed on their own, oldest first. */
    List<Unbilled> unbilled(ChargePointId chargePoint) {
        return unbilled(UNBILLED + " AND charge_point_id = ? ORDER BY transaction_id",
                select -> select.setString(1, chargePoint.value()));
    }

    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private List<Unbilled> unbilled(String sql, Parameters parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            parameters.set(select);
            try (ResultSet rows = select.executeQuery()) {
                List<Unbilled> unbilled = new ArrayList<>();
                while (rows.next()) {
                    unbilled.add(new Unbilled(new ChargePointId(rows.getString(1)), rows.getInt(2), rows.getInt(3),
                            rows.getString(4), rows.getLong(5), rows.getTimestamp(6).toInstant(), rows.getLong(7),
                            rows.getTimestamp(8).toInstant(), rows.getString(9),
                            Optional.ofNullable(rows.getString(10))));
                }
                return unbilled;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transactions to bill", e);
        }
    }

    private void execute(String sql, int transactionId, String text) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            int index = 1;
            if (text != null) {
                update.setString(index++, text);
            }
            update.setInt(index, transactionId);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update transaction " + transactionId, e);
        }
    }

    /** The charge point's transactions not stopped yet, as after a restart of the gateway. */
    List<Open> open(ChargePointId chargePoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT transaction_id, connector_id, id_tag,"
                        + " meter_start_wh, released_wh IS NOT NULL FROM ocpp_transaction WHERE charge_point_id = ?"
                        + " AND stopped_at IS NULL"
                        + " ORDER BY transaction_id")) {
            select.setString(1, chargePoint.value());
            try (ResultSet rows = select.executeQuery()) {
                List<Open> open = new ArrayList<>();
                while (rows.next()) {
                    open.add(new Open(rows.getInt(1), rows.getInt(2), rows.getString(3), rows.getLong(4),
                            rows.getBoolean(5)));
                }
                return open;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the open transactions of " + chargePoint, e);
        }
    }

    private static int find(Connection connection, ChargePointId chargePoint, int connectorId, Instant startedAt)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT transaction_id FROM ocpp_transaction"
                + " WHERE charge_point_id = ? AND connector_id = ? AND started_at = ?")) {
            select.setString(1, chargePoint.value());
            select.setInt(2, connectorId);
            select.setTimestamp(3, Timestamp.from(startedAt));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }
}
