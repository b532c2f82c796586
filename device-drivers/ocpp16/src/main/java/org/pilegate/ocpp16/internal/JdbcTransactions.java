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

import javax.sql.DataSource;

import org.pilegate.api.ocpp.ChargePointId;

/**
 * The charge points' transactions in the store's {@code ocpp_transaction} table, committed before they are
 * acknowledged: a transaction the charge point was told the id of is never lost, and one it reports twice is
 * numbered once.
 */
final class JdbcTransactions {

    /** A transaction still running. */
    record Open(int transactionId, int connectorId, String idTag, long meterStartWh) {
    }

    private final DataSource dataSource;

    JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a started transaction, or finds the one recorded for the same start; returns its id. */
    int start(ChargePointId chargePoint, int connectorId, String idTag, long meterStartWh, Instant startedAt) {
        try (Connection connection = dataSource.getConnection()) {
            int existing = find(connection, chargePoint, connectorId, startedAt);
            if (existing > 0) {
                return existing;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ocpp_transaction"
                    + " (charge_point_id, connector_id, id_tag, meter_start_wh, started_at) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, chargePoint.value());
                insert.setInt(2, connectorId);
                insert.setString(3, idTag);
                insert.setLong(4, meterStartWh);
                insert.setTimestamp(5, Timestamp.from(startedAt));
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

    /** Records the stop once; a stop reported again changes nothing. @return whether this was the first report */
    boolean stop(int transactionId, long meterStopWh, Instant stoppedAt, String reason) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE ocpp_transaction SET meter_stop_wh = ?,"
                        + " stopped_at = ?, stop_reason = ? WHERE transaction_id = ? AND stopped_at IS NULL")) {
            update.setLong(1, meterStopWh);
            update.setTimestamp(2, Timestamp.from(stoppedAt));
            update.setString(3, reason);
            update.setInt(4, transactionId);
            return update.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the stop of transaction " + transactionId, e);
        }
    }

    /** The charge point's transactions not stopped yet, as after a restart of the gateway. */
    List<Open> open(ChargePointId chargePoint) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT transaction_id, connector_id, id_tag,"
                        + " meter_start_wh FROM ocpp_transaction WHERE charge_point_id = ? AND stopped_at IS NULL"
                        + " ORDER BY transaction_id")) {
            select.setString(1, chargePoint.value());
            try (ResultSet rows = select.executeQuery()) {
                List<Open> open = new ArrayList<>();
                while (rows.next()) {
                    open.add(new Open(rows.getInt(1), rows.getInt(2), rows.getString(3), rows.getLong(4)));
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
