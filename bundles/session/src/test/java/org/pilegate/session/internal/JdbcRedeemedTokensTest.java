package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real H2 database with the store's own schema migrations. */
class JdbcRedeemedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T08:00:00Z");

    private JdbcRedeemedTokens tokens;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        tokens = new JdbcRedeemedTokens(h2);
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
}
