package org.pilegate.wallet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerEntry;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.LedgerTransaction.Kind;
import org.pilegate.store.internal.StoreDatabases;

/** The ledger's rows on H2 with the store's own migrations; the wallet's tests run them on PostgreSQL too. */
class LedgerRowsTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final String ANNA = LedgerEntry.walletOf(new AccountId("anna"));
    /** In the order of their ledger accounts, as a transaction reads back. */
    private static final List<LedgerEntry> TOP_UP = List.of(
            new LedgerEntry(ANNA, Money.of(5_000, "EUR")),
            new LedgerEntry(LedgerEntry.SITE_FUNDING, Money.of(-5_000, "EUR")));

    @Test
    void aBookedTransactionReadsBackWithItsEntriesByIdOrKey() throws SQLException {
        try (Connection connection = StoreDatabases.h2().getConnection()) {
            LedgerRows.ensureBalances(connection, TOP_UP, EUR);
            Map<String, Long> balances = LedgerRows.lockBalances(connection, TOP_UP, EUR);
            LedgerTransaction booked = new LedgerTransaction("t-1", Kind.SESSION_FEE, "fee:s-1", TOP_UP,
                    Instant.parse("2026-12-04T00:00:00Z"));

            LedgerRows.insert(connection, booked, Optional.of("fee-9"), balances);

            assertEquals(Optional.of(booked), LedgerRows.read(connection, "transaction_id", "t-1"));
            assertEquals(Optional.of(booked), LedgerRows.read(connection, "idempotency_key", "fee:s-1"));
            assertEquals(Optional.of("fee-9"), LedgerRows.feeIdOf(connection, "t-1"));
            assertEquals(Optional.empty(), LedgerRows.read(connection, "idempotency_key", "fee:s-2"));
        }
    }

    @Test
    void balancesStartAtZeroOnceAndAreLockedInAccountOrder() throws SQLException {
        try (Connection connection = StoreDatabases.h2().getConnection()) {
            LedgerRows.ensureBalances(connection, TOP_UP, EUR);
            LedgerRows.insert(connection, new LedgerTransaction("t-1", Kind.TOP_UP, "top-up:r-1", TOP_UP,
                    Instant.parse("2026-12-04T00:00:00Z")), Optional.empty(),
                    LedgerRows.lockBalances(connection, TOP_UP, EUR));
            LedgerRows.ensureBalances(connection, TOP_UP, EUR);

            Map<String, Long> balances = LedgerRows.lockBalances(connection, TOP_UP, EUR);

            assertEquals(List.of(ANNA, LedgerEntry.SITE_FUNDING),
                    List.copyOf(balances.keySet()));
            assertEquals(-5_000L, balances.get(LedgerEntry.SITE_FUNDING));
            assertEquals(5_000L, balances.get(ANNA));
        }
    }

    @Test
    void lockingABalanceThatHasNoRowFails() throws SQLException {
        try (Connection connection = StoreDatabases.h2().getConnection()) {
            SQLException missing = assertThrows(SQLException.class,
                    () -> LedgerRows.lockBalances(connection, TOP_UP, EUR));
            assertEquals("no balance row for " + ANNA, missing.getMessage());
        }
    }
}
