package org.pilegate.api.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

class StoreOutageTest {

    @Test
    void aLostConnectionDeepInTheCausesIsAnOutage() {
        Throwable failure = new CompletionException(new IllegalStateException("cannot store session s-1",
                new SQLException("Connection refused", "08001")));
        assertTrue(StoreOutage.isOutage(failure));
        Refusal refusal = StoreOutage.refusal(failure).orElseThrow();
        assertEquals(ErrorCode.SERVICE_UNAVAILABLE, refusal.code());
    }

    @Test
    void aPoolTimeoutAFullDiskAndAShutdownAreOutages() {
        assertTrue(StoreOutage.isOutage(new SQLTransientConnectionException("pilegate-store - Connection is not"
                + " available, request timed out after 2000ms")));
        assertTrue(StoreOutage.isOutage(new SQLException("No disk space available", "90100")));
        assertTrue(StoreOutage.isOutage(new SQLException("terminating connection due to administrator command",
                "57P01")));
    }

    @Test
    void anEmbeddedDatabaseThatCannotWriteItsFileIsAnOutage() {
        // H2 on a full disk: a general error, caused by its store's failed write, caused by the operating system's
        SQLException general = new SQLException("General error: Writing to the store failed", "HY000",
                new IllegalStateException("Writing failed", new IOException("No space left on device")));
        assertTrue(StoreOutage.isOutage(new IllegalStateException("cannot read charging sessions", general)));
        assertFalse(StoreOutage.isOutage(new IOException("a terminal hung up")), "an I/O failure outside the store");
    }

    @Test
    void aFaultOfTheRequestIsNoOutage() {
        assertFalse(StoreOutage.isOutage(new SQLException("duplicate key", "23505")));
        assertFalse(StoreOutage.isOutage(new IllegalStateException("no cause")));
        assertTrue(StoreOutage.refusal(new SQLException("syntax", "42601")).isEmpty());
    }
}
