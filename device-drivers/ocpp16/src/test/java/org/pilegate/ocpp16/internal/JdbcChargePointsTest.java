package org.pilegate.ocpp16.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ocpp.ChargePointId;

/** The registry and the transactions on a real database; subclasses say which. */
abstract class JdbcChargePointsTest {

    private static final ChargePointId CP = new ChargePointId("CP-1");
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    private final DataSource store;
    private final JdbcChargePoints registry;
    private final JdbcTransactions transactions;

    JdbcChargePointsTest() {
        try {
            store = freshDatabase();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        registry = new JdbcChargePoints(store);
        transactions = new JdbcTransactions(store);
    }

    abstract DataSource freshDatabase() throws Exception;

    @Test
    void aRegisteredChargePointAuthenticatesWithItsPasswordAlone() {
        String password = registry.put(CP, 2, AT);
        assertTrue(password.length() >= 16 && password.length() <= 40, password);
        assertTrue(registry.authenticate(CP, password));
        assertFalse(registry.authenticate(CP, password + "x"));
        assertFalse(registry.authenticate(new ChargePointId("CP-2"), password));
        assertEquals(List.of(new JdbcChargePoints.Registered(CP, 2, AT)), registry.all());
    }

    @Test
    void onlyADigestOfThePasswordIsStored() throws Exception {
        String password = registry.put(CP, 1, AT);
        try (Connection connection = store.getConnection(); Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("SELECT password_sha256 FROM ocpp_charge_point")) {
            row.next();
            assertNotEquals(password, row.getString(1));
            assertEquals(64, row.getString(1).length());
        }
    }

    @Test
    void registeringAgainIssuesANewPasswordAndLocksTheOldOneOut() {
        String old = registry.put(CP, 1, AT);
        String renewed = registry.put(CP, 3, AT.plusSeconds(60));
        assertFalse(registry.authenticate(CP, old));
        assertTrue(registry.authenticate(CP, renewed));
        assertEquals(3, registry.all().get(0).connectors());
    }

    @Test
    void anUnregisteredChargePointAuthenticatesNoMore() {
        String password = registry.put(CP, 1, AT);
        assertTrue(registry.delete(CP));
        assertFalse(registry.delete(CP));
        assertFalse(registry.authenticate(CP, password));
    }

    @Test
    void transactionsAreNumberedOnceAndStoppedOnce() {
        int first = transactions.start(CP, 1, "EV-1", 1000, AT, true);
        int second = transactions.start(CP, 2, "EV-2", 5000, AT, true);
        assertNotEquals(first, second);
        assertEquals(first, transactions.start(CP, 1, "EV-1", 1000, AT, true));
        assertTrue(transactions.stop(first, 1500, AT.plusSeconds(600), "Remote", Optional.empty()));
        assertFalse(transactions.stop(first, 1600, AT.plusSeconds(700), "Local", Optional.empty()));
        assertEquals(List.of(new JdbcTransactions.Open(second, 2, "EV-2", 5000, false)), transactions.open(CP));
        assertEquals(List.of(), transactions.unbilled(CP), "a session bills what the gateway started");
    }

    @Test
    void aTransactionNoSessionTookOverIsToBeBilledOnItsOwnUntilBilled() {
        int local = transactions.start(CP, 1, "EV-1", 1000, AT, false);
        int takenOver = transactions.start(CP, 2, "EV-2", 5000, AT, false);
        transactions.billedBySession(takenOver);
        assertEquals(List.of(), transactions.unbilled(CP), "running: nothing to bill yet");
        transactions.stop(local, 1500, AT.plusSeconds(600), "Local", Optional.of("[]"));
        transactions.stop(takenOver, 5500, AT.plusSeconds(600), "Local", Optional.empty());

        assertEquals(List.of(new JdbcTransactions.Unbilled(CP, local, 1, "EV-1", 1000, AT, 1500, AT.plusSeconds(600),
                "Local", Optional.of("[]"))), transactions.unbilled(CP));
        transactions.billed(local, "ocpp-" + CP + "-" + local);
        assertEquals(List.of(), transactions.unbilled(CP));
        assertEquals(Optional.empty(), transactions.unbilled(local));
    }
}
