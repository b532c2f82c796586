package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcRedeemedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private JdbcRedeemedTokens tokens;

    @BeforeEach
    void connect() throws Exception {
        DataSource database = freshDatabase();
        tokens = new JdbcRedeemedTokens(database);
    }

    @Test
    void aTokenIsMarkedOnce() {
        assertTrue(tokens.markUsed("t-1", NOW.plusSeconds(300)));
        assertFalse(tokens.markUsed("t-1", NOW.plusSeconds(300)));
        assertTrue(tokens.markUsed("t-2", NOW.plusSeconds(300)));
    }

    @Test
    void expiredTokensAreForgottenAndOnlyThose() {
        tokens.markUsed("old", NOW.minusSeconds(1));
        tokens.markUsed("live", NOW.plusSeconds(60));

        assertEquals(1, tokens.forgetExpired(NOW));
        assertFalse(tokens.markUsed("live", NOW.plusSeconds(60)), "a live token stays used");
    }

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;
}
