package org.pilegate.wallet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.wallet.LedgerEntry;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.LedgerTransaction.Kind;
import org.pilegate.store.SqlStates;

/**
 * The rows of the store's {@code ledger_*} tables, on a connection the caller holds: its transaction is the booking's.
 * A balance is locked and written with the movement that changes it; a transaction is read back with its entries.
 */
final class LedgerRows {

    private LedgerRows() {
    }

    /** Balance rows exist before they are locked; created outside the booking, as a zero row changes nothing. */
    static void ensureBalances(Connection connection, List<LedgerEntry> entries, Currency currency)
            throws SQLException {
        for (LedgerEntry entry : entries) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_balance"
                    + " (ledger_account, currency, amount_minor_units) SELECT ?, ?, 0 WHERE NOT EXISTS (SELECT 1 FROM"
                    + " ledger_balance WHERE ledger_account = ? AND currency = ?)")) {
                insert.setString(1, entry.ledgerAccount());
                insert.setString(2, currency.getCurrencyCode());
                insert.setString(3, entry.ledgerAccount());
                insert.setString(4, currency.getCurrencyCode());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!SqlStates.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }

    static Map<String, Long> lockBalances(Connection connection, List<LedgerEntry> entries, Currency currency)
            throws SQLException {
        Map<String, Long> balances = new LinkedHashMap<>();
        List<String> accounts = entries.stream().map(LedgerEntry::ledgerAccount).distinct()
                .sorted(Comparator.naturalOrder()).toList();
        for (String account : accounts) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT amount_minor_units FROM ledger_balance"
                    + " WHERE ledger_account = ? AND currency = ? FOR UPDATE")) {
                lock.setString(1, account);
                lock.setString(2, currency.getCurrencyCode());
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new SQLException("no balance row for " + account);
                    }
                    balances.put(account, rows.getLong(1));
                }
            }
        }
        return balances;
    }

    static void insert(Connection connection, LedgerTransaction transaction, Optional<String> feeId,
            Map<String, Long> balances) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger_transaction"
                + " (transaction_id, kind, idempotency_key, fee_id, booked_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, transaction.id());
            insert.setString(2, transaction.kind().name());
            insert.setString(3, transaction.key());
            insert.setString(4, feeId.orElse(null));
            insert.setTimestamp(5, Timestamp.from(transaction.at()));
            insert.executeUpdate();
        }
        for (LedgerEntry entry : transaction.entries()) {
            try (PreparedStatement posting = connection.prepareStatement("INSERT INTO ledger_entry"
                    + " (transaction_id, ledger_account, amount_minor_units, currency) VALUES (?, ?, ?, ?)");
                    PreparedStatement balance = connection.prepareStatement("UPDATE ledger_balance"
                            + " SET amount_minor_units = ? WHERE ledger_account = ? AND currency = ?")) {
                posting.setString(1, transaction.id());
                posting.setString(2, entry.ledgerAccount());
                posting.setLong(3, entry.amount().minorUnits());
                posting.setString(4, entry.amount().currency().getCurrencyCode());
                posting.executeUpdate();
                balance.setLong(1, Math.addExact(balances.get(entry.ledgerAccount()), entry.amount().minorUnits()));
                balance.setString(2, entry.ledgerAccount());
                balance.setString(3, entry.amount().currency().getCurrencyCode());
                balance.executeUpdate();
            }
        }
    }

    static Optional<LedgerTransaction> read(Connection connection, String column, String value)
            throws SQLException {
        String id;
        Kind kind;
        String key;
        Instant at;
        try (PreparedStatement select = connection.prepareStatement("SELECT transaction_id, kind, idempotency_key,"
                + " booked_at FROM ledger_transaction WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                id = rows.getString(1);
                kind = Kind.valueOf(rows.getString(2));
                key = rows.getString(3);
                at = rows.getTimestamp(4).toInstant();
            }
        }
        List<LedgerEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT ledger_account, amount_minor_units,"
                + " currency FROM ledger_entry WHERE transaction_id = ? ORDER BY ledger_account")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new LedgerEntry(rows.getString(1), Money.of(rows.getLong(2), rows.getString(3))));
                }
            }
        }
        return Optional.of(new LedgerTransaction(id, kind, key, entries, at));
    }

    static Optional<String> feeIdOf(Connection connection, String transactionId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fee_id FROM ledger_transaction WHERE transaction_id = ?")) {
            select.setString(1, transactionId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
