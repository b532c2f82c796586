package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcTerminalCredentialsTest {

    private static final TerminalId PHONE = new TerminalId("anna-phone");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

    private JdbcTerminalCredentials credentials;

    @BeforeEach
    void connect() throws Exception {
        DataSource database = freshDatabase();
        JdbcVehicleRegistry registry = new JdbcVehicleRegistry(database, CLOCK);
        registry.registerAccount(new AccountId("anna"), "Anna");
        registry.registerTerminal(PHONE, new AccountId("anna"));
        credentials = new JdbcTerminalCredentials(database, CLOCK);
    }

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;

    @Test
    void anIssuedCredentialAuthenticatesItsTerminal() {
        String credential = credentials.issue(PHONE);

        assertTrue(credential.startsWith("anna-phone."), credential);
        assertEquals(Optional.of(PHONE), credentials.authenticate(credential));
    }

    @Test
    void reissuingRevokesTheOldCredential() {
        String lost = credentials.issue(PHONE);
        String current = credentials.issue(PHONE);

        assertNotEquals(lost, current);
        assertEquals(Optional.empty(), credentials.authenticate(lost));
        assertEquals(Optional.of(PHONE), credentials.authenticate(current));
    }

    @Test
    void wrongForgedAndMalformedCredentialsAreRefused() {
        String credential = credentials.issue(PHONE);
        String secret = credential.substring(credential.indexOf('.') + 1);

        assertEquals(Optional.empty(), credentials.authenticate("anna-phone." + secret.substring(1) + "A"));
        assertEquals(Optional.empty(), credentials.authenticate("boris-phone." + secret));
        for (String garbage : new String[] {null, "", ".", "anna-phone", "anna phone." + secret, "x".repeat(300)}) {
            assertEquals(Optional.empty(), credentials.authenticate(garbage), String.valueOf(garbage));
        }
    }

    @Test
    void revokedCredentialsAreRefused() {
        String credential = credentials.issue(PHONE);

        assertTrue(credentials.revoke(PHONE));
        assertFalse(credentials.revoke(PHONE));
        assertEquals(Optional.empty(), credentials.authenticate(credential));
    }

    @Test
    void onlyRegisteredTerminalsGetCredentials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> credentials.issue(new TerminalId("stranger")));
        assertEquals("terminal stranger is not registered", e.getMessage());
    }
}
