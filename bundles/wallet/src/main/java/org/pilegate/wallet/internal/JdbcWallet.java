package org.pilegate.wallet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerEntry;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.LedgerTransaction.Kind;
import org.pilegate.api.wallet.PaymentRefusedException;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.store.SqlStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet ledger in the store's {@code ledger_*} tables. A movement is booked in one database transaction: the
 * balance rows it touches are locked (always in the same order, so two movements cannot deadlock), its key is checked
 * (a movement booked before is returned, not booked again), the driver's balance is checked, then the transaction, its
 * entries and the new balances are written. The unique key also stops a twin that raced past the check.
 */
@Component(service = Wallet.class)
public final class JdbcWallet implements Wallet {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcWallet.class);

    private final DataSource dataSource;
    private final Clock clock;

    @Activate
    public JdbcWallet(@Reference(target = "(pilegate.store=main)") DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    JdbcWallet(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Money balance(AccountId account, Currency currency) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT amount_minor_units FROM ledger_balance"
                        + " WHERE ledger_account = ? AND currency = ?")) {
            select.setString(1, ledgerAccount(account));
            select.setString(2, currency.getCurrencyCode());
            try (ResultSet rows = select.executeQuery()) {
                return new Money(rows.next() ? rows.getLong(1) : 0, currency);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the balance of " + account, e);
        }
    }

    @Override
    public LedgerTransaction topUp(AccountId account, Money amount, String reference) {
        requirePositive(amount);
        try {
            return book(Kind.TOP_UP, "top-up:" + reference, Optional.empty(), Optional.empty(), List.of(
                    new LedgerEntry(LedgerEntry.SITE_FUNDING, amount.times(-1)),
                    new LedgerEntry(ledgerAccount(account), amount)));
        } catch (PaymentRefusedException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public LedgerTransaction refund(AccountId account, Money amount, String reference)
            throws PaymentRefusedException {
        requirePositive(amount);
        return book(Kind.REFUND, "refund:" + reference, Optional.empty(), Optional.of(ledgerAccount(account)), List.of(
                new LedgerEntry(ledgerAccount(account), amount.times(-1)),
                new LedgerEntry(LedgerEntry.SITE_FUNDING, amount)));
    }

    @Override
    public LedgerTransaction paySessionFee(SessionId session, String feeId, AccountId account, Money fee)
            throws PaymentRefusedException {
        if (fee.isNegative()) {
            throw new IllegalArgumentException("a fee cannot be negative: " + fee);
        }
        return book(Kind.SESSION_FEE, feeKey(session), Optional.of(feeId),
                Optional.of(ledgerAccount(account)), List.of(
                        new LedgerEntry(ledgerAccount(account), fee.times(-1)),
                        new LedgerEntry(LedgerEntry.SITE_REVENUE, fee)));
    }

    @Override
    public Optional<LedgerTransaction> paymentOf(SessionId session) {
        try (Connection connection = dataSource.getConnection()) {
            return LedgerRows.read(connection, "idempotency_key", feeKey(session));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the payment of session " + session, e);
        }
    }

    @Override
    public List<LedgerTransaction> history(AccountId account, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT t.transaction_id FROM ledger_transaction t"
                        + " JOIN ledger_entry e ON e.transaction_id = t.transaction_id WHERE e.ledger_account = ?"
                        + " ORDER BY t.booked_at DESC, t.transaction_id")) {
            select.setString(1, ledgerAccount(account));
            select.setMaxRows(limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            List<LedgerTransaction> transactions = new ArrayList<>();
            for (String id : ids) {
                transactions.add(LedgerRows.read(connection, "transaction_id", id).orElseThrow());
            }
            return transactions;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the history of " + account, e);
        }
    }

    /**
     * Books the entries once under {@code key}.
     *
     * @param mustCover the ledger account whose balance may not go below zero
     */
    private LedgerTransaction book(Kind kind, String key, Optional<String> feeId, Optional<String> mustCover,
            List<LedgerEntry> entries) throws PaymentRefusedException {
        Currency currency = entries.get(0).amount().currency();
        try (Connection connection = dataSource.getConnection()) {
            LedgerRows.ensureBalances(connection, entries, currency);
            connection.setAutoCommit(false);
            try {
                Map<String, Long> balances = LedgerRows.lockBalances(connection, entries, currency);
                Optional<LedgerTransaction> booked = LedgerRows.read(connection, "idempotency_key", key);
                if (booked.isPresent()) {
                    connection.rollback();
                    return sameMovement(booked.get(), kind, feeId, connection, key);
                }
                if (mustCover.isPresent()) {
                    long after = balances.get(mustCover.get()) + amountFor(entries, mustCover.get());
                    if (after < 0) {
                        connection.rollback();
                        throw new PaymentRefusedException(ErrorCode.INSUFFICIENT_BALANCE, "the wallet holds "
                                + new Money(balances.get(mustCover.get()), currency) + ", "
                                + new Money(-amountFor(entries, mustCover.get()), currency) + " are due");
                    }
                }
                LedgerTransaction transaction = new LedgerTransaction(UUID.randomUUID().toString(), kind, key,
                        entries, clock.instant());
                LedgerRows.insert(connection, transaction, feeId, balances);
                connection.commit();
                LOG.info("Ledger: {} {} booked ({})", kind, key, entries);
                return transaction;
            } catch (SQLException e) {
                connection.rollback();
                if (SqlStates.isDuplicateKey(e)) {
                    // a twin booked it between our check and insert: that one stands
                    LedgerTransaction twin = LedgerRows.read(connection, "idempotency_key", key).orElseThrow(() -> e);
                    return sameMovement(twin, kind, feeId, connection, key);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot book " + key, e);
        }
    }

    /** A movement booked before under the key: returned if it is the one asked for, refused if not. */
    private static LedgerTransaction sameMovement(LedgerTransaction booked, Kind kind, Optional<String> feeId,
            Connection connection, String key) throws PaymentRefusedException, SQLException {
        if (booked.kind() != kind) {
            throw new PaymentRefusedException(ErrorCode.REFERENCE_IN_USE, key + " was booked as " + booked.kind());
        }
        if (feeId.isPresent() && !feeId.equals(LedgerRows.feeIdOf(connection, booked.id()))) {
            throw new PaymentRefusedException(ErrorCode.ALREADY_PAID, "the session was paid for another fee");
        }
        return booked;
    }

    private static long amountFor(List<LedgerEntry> entries, String ledgerAccount) {
        return entries.stream().filter(entry -> entry.ledgerAccount().equals(ledgerAccount))
                .mapToLong(entry -> entry.amount().minorUnits()).sum();
    }

    private static void requirePositive(Money amount) {
        if (!Objects.requireNonNull(amount, "amount").isPositive()) {
            throw new IllegalArgumentException("the amount must be positive: " + amount);
        }
    }

    private static String feeKey(SessionId session) {
        return "fee:" + session.value();
    }

    private static String ledgerAccount(AccountId account) {
        return LedgerEntry.walletOf(account);
    }
}
