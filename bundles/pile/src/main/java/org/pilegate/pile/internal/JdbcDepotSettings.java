package org.pilegate.pile.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileSettings;

/**
 * The operator's depot settings in the store's {@code pile_setting} and {@code site_setting} tables.
 * <p>
 * In the database rather than in Configuration Admin: these are decisions taken at run time from the shell or over
 * OPC UA, not deployment configuration. Written back into etc/ files they would mix with what the deployment ships
 * and restart components on every change; in the store they are written at once, survive restarts, and gateways
 * sharing one database agree on them.
 */
final class JdbcDepotSettings {

    private static final String POWER_LIMIT_W = "power_limit_w";

    private final DataSource dataSource;
    private final Clock clock;

    JdbcDepotSettings(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    Map<PileId, PileSettings> piles() {
        Map<PileId, PileSettings> settings = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT pile_id, available, current_limit_a FROM pile_setting");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                int limitA = rows.getInt(3);
                // wasNull speaks of the column read last: the cap's, so it is asked before the next read
                OptionalInt cap = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(limitA);
                settings.put(new PileId(rows.getString(1)), new PileSettings(rows.getBoolean(2), cap));
            }
            return settings;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the pile settings", e);
        }
    }

    void save(PileId pile, PileSettings settings) {
        upsert("UPDATE pile_setting SET available = ?, current_limit_a = ?, updated_at = ? WHERE pile_id = ?",
                "INSERT INTO pile_setting (available, current_limit_a, updated_at, pile_id) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setBoolean(1, settings.available());
                    if (settings.currentLimitA().isPresent()) {
                        statement.setInt(2, settings.currentLimitA().getAsInt());
                    } else {
                        statement.setNull(2, Types.INTEGER);
                    }
                    statement.setTimestamp(3, Timestamp.from(clock.instant()));
                    statement.setString(4, pile.value());
                }, "the settings of pile " + pile);
    }

    OptionalLong sitePowerLimitW() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT number_value FROM site_setting WHERE name = ?")) {
            select.setString(1, POWER_LIMIT_W);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the site's power limit", e);
        }
    }

    void saveSitePowerLimitW(OptionalLong limitW) {
        if (limitW.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement delete = connection.prepareStatement("DELETE FROM site_setting WHERE name = ?")) {
                delete.setString(1, POWER_LIMIT_W);
                delete.executeUpdate();
                return;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the site's power limit", e);
            }
        }
        upsert("UPDATE site_setting SET number_value = ?, updated_at = ? WHERE name = ?",
                "INSERT INTO site_setting (number_value, updated_at, name) VALUES (?, ?, ?)",
                statement -> {
                    statement.setLong(1, limitW.getAsLong());
                    statement.setTimestamp(2, Timestamp.from(clock.instant()));
                    statement.setString(3, POWER_LIMIT_W);
                }, "the site's power limit");
    }

    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** Updates the row, or inserts it when there is none; both statements take the same parameters. */
    private void upsert(String update, String insert, Parameters parameters, String what) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement updating = connection.prepareStatement(update)) {
                parameters.set(updating);
                if (updating.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement inserting = connection.prepareStatement(insert)) {
                parameters.set(inserting);
                inserting.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store " + what, e);
        }
    }
}
