package org.pilegate.session.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.store.SqlStates;

/** The vehicle registry in the store's {@code account}, {@code vehicle} and {@code terminal} tables. */
@Component(service = VehicleRegistry.class)
public final class JdbcVehicleRegistry implements VehicleRegistry {


    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public JdbcVehicleRegistry(@Reference(target = "(pilegate.store=main)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    JdbcVehicleRegistry(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<AccountId> accountOf(VehicleId vehicle) {
        List<String> accounts = query("SELECT account_id FROM vehicle WHERE vehicle_id = ?", vehicle.value());
        return accounts.stream().findFirst().map(AccountId::new);
    }

    @Override
    public Optional<AccountId> accountOfTerminal(TerminalId terminal) {
        return query("SELECT account_id FROM terminal WHERE terminal_id = ?", terminal.value()).stream().findFirst()
                .map(AccountId::new);
    }

    @Override
    public List<TerminalId> terminalsOf(AccountId account) {
        return query("SELECT terminal_id FROM terminal WHERE account_id = ? ORDER BY registered_at, terminal_id",
                account.value()).stream().map(TerminalId::new).toList();
    }

    @Override
    public void registerAccount(AccountId account, String displayName) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new IllegalArgumentException("display name must be 1..200 characters");
        }
        upsert("UPDATE account SET display_name = ? WHERE account_id = ?",
                "INSERT INTO account (display_name, account_id, created_at) VALUES (?, ?, ?)",
                displayName.strip(), account.value());
    }

    @Override
    public void registerVehicle(VehicleId vehicle, AccountId account) {
        upsert("UPDATE vehicle SET account_id = ? WHERE vehicle_id = ?",
                "INSERT INTO vehicle (account_id, vehicle_id, registered_at) VALUES (?, ?, ?)",
                account.value(), vehicle.value());
    }

    @Override
    public void registerTerminal(TerminalId terminal, AccountId account) {
        upsert("UPDATE terminal SET account_id = ? WHERE terminal_id = ?",
                "INSERT INTO terminal (account_id, terminal_id, registered_at) VALUES (?, ?, ?)",
                account.value(), terminal.value());
    }

    @Override
    public boolean unregisterVehicle(VehicleId vehicle) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM vehicle WHERE vehicle_id = ?")) {
            delete.setString(1, vehicle.value());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot unregister vehicle " + vehicle, e);
        }
    }

    /** Updates the row keyed {@code key} to {@code value}, or inserts it with the time of registration. */
    private void upsert(String update, String insert, String value, String key) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(1, value);
                statement.setString(2, key);
                if (statement.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setString(1, value);
                statement.setString(2, key);
                statement.setTimestamp(3, Timestamp.from(clock.instant()));
                statement.executeUpdate();
            }
        } catch (SQLException e) {
            if (SqlStates.isMissingParent(e)) {
                throw new IllegalArgumentException("no account " + value, e);
            }
            throw new IllegalStateException("cannot register " + key, e);
        }
    }

    private List<String> query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the vehicle registry", e);
        }
    }
}
