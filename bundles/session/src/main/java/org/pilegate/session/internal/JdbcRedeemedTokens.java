package org.pilegate.session.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;
import org.pilegate.store.SqlStates;

/**
 * Redeemed association tokens in the store's {@code redeemed_association_token} table, so that a token stays used
 * across restarts. The primary key makes redemption atomic even between concurrent requests; a database that
 * cannot be reached refuses the token rather than risk accepting it twice.
 */
final class JdbcRedeemedTokens implements UsedTokens {

    private final DataSource dataSource;

    JdbcRedeemedTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean markUsed(String tokenId, Instant expiresAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO redeemed_association_token (token_id, expires_at) VALUES (?, ?)")) {
            insert.setString(1, tokenId);
            insert.setTimestamp(2, Timestamp.from(expiresAt));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (SqlStates.isDuplicateKey(e)) {
                return false;
            }
            throw new IllegalStateException("cannot record the redeemed association token", e);
        }
    }

    /** Forgets tokens that expired before {@code now}: they are refused as expired anyway. */
    int forgetExpired(Instant now) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM redeemed_association_token WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot forget expired association tokens", e);
        }
    }
}
