package org.pilegate.session.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.secret.Secrets;
import org.pilegate.store.SqlStates;

/** Terminal credentials in the store's {@code terminal_credential} table. */
@Component(service = TerminalCredentials.class)
public final class JdbcTerminalCredentials implements TerminalCredentials {

    private static final int SECRET_BYTES = 32;

    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public JdbcTerminalCredentials(@Reference(target = "(pilegate.store=main)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    JdbcTerminalCredentials(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public String issue(TerminalId terminal) {
        String encoded = Secrets.random(SECRET_BYTES);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM terminal_credential WHERE terminal_id = ?");
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO terminal_credential (terminal_id, secret_sha256, issued_at) VALUES (?, ?, ?)")) {
                delete.setString(1, terminal.value());
                delete.executeUpdate();
                insert.setString(1, terminal.value());
                insert.setString(2, Secrets.digest(encoded));
                insert.setTimestamp(3, Timestamp.from(clock.instant()));
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            if (SqlStates.isMissingParent(e)) {
                throw new IllegalArgumentException("terminal " + terminal + " is not registered", e);
            }
            throw new IllegalStateException("cannot issue a credential for terminal " + terminal, e);
        }
        return terminal.value() + "." + encoded;
    }

    @Override
    public Optional<TerminalId> authenticate(String credential) {
        int dot = credential == null ? -1 : credential.lastIndexOf('.');
        if (dot <= 0 || credential.length() > 200) {
            return Optional.empty();
        }
        TerminalId terminal;
        try {
            terminal = new TerminalId(credential.substring(0, dot));
        } catch (IllegalArgumentException notATerminalId) {
            return Optional.empty();
        }
        String presented = credential.substring(dot + 1);
        boolean valid = storedDigest(terminal).filter(stored -> Secrets.matches(stored, presented)).isPresent();
        return valid ? Optional.of(terminal) : Optional.empty();
    }

    @Override
    public boolean revoke(TerminalId terminal) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM terminal_credential WHERE terminal_id = ?")) {
            delete.setString(1, terminal.value());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the credential of terminal " + terminal, e);
        }
    }

    private Optional<String> storedDigest(TerminalId terminal) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT secret_sha256 FROM terminal_credential WHERE terminal_id = ?")) {
            select.setString(1, terminal.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the credential of terminal " + terminal, e);
        }
    }

}
