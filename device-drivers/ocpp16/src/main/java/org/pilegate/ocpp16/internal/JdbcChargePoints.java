package org.pilegate.ocpp16.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.secret.Secrets;

/** The registered charge points in the store's {@code ocpp_charge_point} table, passwords as digests only. */
final class JdbcChargePoints {

    /** 24 random bytes: 32 characters of base64url, within OCPP's 16..40 for a Basic password. */
    private static final int PASSWORD_BYTES = 24;

    /** A registered charge point. */
    record Registered(ChargePointId id, int connectors, Instant addedAt) {
    }

    private final DataSource dataSource;

    JdbcChargePoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Registers or re-registers; returns the new password, whose digest replaces the old one's. */
    String put(ChargePointId id, int connectors, Instant at) {
        String password = Secrets.random(PASSWORD_BYTES);
        String digest = Secrets.digest(password);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE ocpp_charge_point SET connectors = ?,"
                        + " password_sha256 = ?, added_at = ? WHERE charge_point_id = ?")) {
            update.setInt(1, connectors);
            update.setString(2, digest);
            update.setTimestamp(3, Timestamp.from(at));
            update.setString(4, id.value());
            if (update.executeUpdate() == 0) {
                insert(connection, id, connectors, digest, at);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register charge point " + id, e);
        }
        return password;
    }

    private static void insert(Connection connection, ChargePointId id, int connectors, String digest, Instant at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ocpp_charge_point"
                + " (charge_point_id, connectors, password_sha256, added_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, id.value());
            insert.setInt(2, connectors);
            insert.setString(3, digest);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    boolean delete(ChargePointId id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM ocpp_charge_point WHERE charge_point_id = ?")) {
            delete.setString(1, id.value());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot unregister charge point " + id, e);
        }
    }

    List<Registered> all() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT charge_point_id, connectors, added_at"
                        + " FROM ocpp_charge_point ORDER BY charge_point_id");
                ResultSet rows = select.executeQuery()) {
            List<Registered> all = new ArrayList<>();
            while (rows.next()) {
                all.add(new Registered(new ChargePointId(rows.getString(1)), rows.getInt(2),
                        rows.getTimestamp(3).toInstant()));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the charge points", e);
        }
    }

    /** Whether {@code password} is the registered charge point's current one. */
    boolean authenticate(ChargePointId id, String password) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT password_sha256 FROM ocpp_charge_point WHERE charge_point_id = ?")) {
            select.setString(1, id.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() && Secrets.matches(row.getString(1), password);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the password of charge point " + id, e);
        }
    }
}
