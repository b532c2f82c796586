package org.pilegate.session.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;
import org.pilegate.store.SqlStates;

/**
 * Secrets the gateway generates for itself, in the store's {@code gateway_secret} table: created once, on first use,
 * and the same for every gateway on the database (the first insert wins).
 */
final class JdbcGatewaySecrets {

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();

    JdbcGatewaySecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The secret called {@code name}, generated with {@code bytes} random bytes if there is none yet. */
    byte[] secret(String name, int bytes) {
        Optional<byte[]> stored = read(name);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] fresh = new byte[bytes];
        random.nextBytes(fresh);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO gateway_secret (name, secret, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, Base64.getEncoder().encodeToString(fresh));
            insert.setTimestamp(3, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            return fresh;
        } catch (SQLException e) {
            if (SqlStates.isDuplicateKey(e)) {
                return read(name).orElseThrow(() -> new IllegalStateException("secret " + name + " vanished", e));
            }
            throw new IllegalStateException("cannot store secret " + name, e);
        }
    }

    private Optional<byte[]> read(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT secret FROM gateway_secret WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(Base64.getDecoder().decode(rows.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read secret " + name, e);
        }
    }
}
