package org.pilegate.wallet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.PaymentRefusedException;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcWalletTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final AccountId ANNA = new AccountId("anna");
    private static final SessionId SESSION = new SessionId("s-1");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T08:00:00Z"));
    private DataSource database;
    private JdbcWallet wallet;

    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void connect() throws Exception {
        database = freshDatabase();
        wallet = new JdbcWallet(database, clock);
    }

    @Test
    void aTopUpIsCreditedOncePerReference() {
        wallet.topUp(ANNA, Money.of(5_000, "EUR"), "receipt-17");
        LedgerTransaction again = wallet.topUp(ANNA, Money.of(5_000, "EUR"), "receipt-17");

        assertEquals(Money.of(5_000, "EUR"), wallet.balance(ANNA, EUR));
        assertEquals("top-up:receipt-17", again.key());
        assertLedgerBalances();
    }

    @Test
    void aSessionFeeIsDebitedOnceHoweverOftenItIsConfirmed() throws Exception {
        wallet.topUp(ANNA, Money.of(5_000, "EUR"), "receipt-1");

        LedgerTransaction paid = wallet.paySessionFee(SESSION, "fee-1", ANNA, Money.of(1_234, "EUR"));
        LedgerTransaction replayed = wallet.paySessionFee(SESSION, "fee-1", ANNA, Money.of(1_234, "EUR"));

        assertEquals(paid.id(), replayed.id());
        assertEquals(Optional.of(paid.id()), wallet.paymentOf(SESSION).map(LedgerTransaction::id));
        assertEquals(Optional.empty(), wallet.paymentOf(new SessionId("s-unpaid")));
        assertEquals(Money.of(3_766, "EUR"), wallet.balance(ANNA, EUR));
        assertLedgerBalances();
    }

    @Test
    void concurrentConfirmationsDebitOnce() throws Exception {
        wallet.topUp(ANNA, Money.of(5_000, "EUR"), "receipt-1");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<LedgerTransaction>> confirmations = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                confirmations.add(() -> wallet.paySessionFee(SESSION, "fee-1", ANNA, Money.of(1_000, "EUR")));
            }
            List<String> ids = new ArrayList<>();
            for (Future<LedgerTransaction> confirmation : threads.invokeAll(confirmations)) {
                ids.add(confirmation.get().id());
            }
            assertEquals(1, ids.stream().distinct().count(), "every confirmation got the one payment");
        } finally {
            threads.shutdown();
        }
        assertEquals(Money.of(4_000, "EUR"), wallet.balance(ANNA, EUR));
        assertLedgerBalances();
    }

    @Test
    void aFeeTheBalanceDoesNotCoverIsRefusedAndNothingIsBooked() {
        wallet.topUp(ANNA, Money.of(500, "EUR"), "receipt-1");

        PaymentRefusedException refused = assertThrows(PaymentRefusedException.class,
                () -> wallet.paySessionFee(SESSION, "fee-1", ANNA, Money.of(501, "EUR")));

        assertEquals(ErrorCode.INSUFFICIENT_BALANCE, refused.code());
        assertEquals(Money.of(500, "EUR"), wallet.balance(ANNA, EUR));
        assertEquals(1, wallet.history(ANNA, 10).size());
    }

    @Test
    void aSessionIsPaidForOneFeeOnly() throws Exception {
        wallet.topUp(ANNA, Money.of(5_000, "EUR"), "receipt-1");
        wallet.paySessionFee(SESSION, "fee-1", ANNA, Money.of(1_000, "EUR"));

        PaymentRefusedException refused = assertThrows(PaymentRefusedException.class,
                () -> wallet.paySessionFee(SESSION, "fee-2", ANNA, Money.of(900, "EUR")));

        assertEquals(ErrorCode.ALREADY_PAID, refused.code());
        assertEquals(Money.of(4_000, "EUR"), wallet.balance(ANNA, EUR));
    }

    @Test
    void aRefundCannotExceedTheBalance() throws Exception {
        wallet.topUp(ANNA, Money.of(1_000, "EUR"), "receipt-1");

        assertEquals(ErrorCode.INSUFFICIENT_BALANCE, assertThrows(PaymentRefusedException.class,
                () -> wallet.refund(ANNA, Money.of(1_001, "EUR"), "refund-1")).code());
        clock.advance(Duration.ofMinutes(1));
        wallet.refund(ANNA, Money.of(400, "EUR"), "refund-2");

        assertEquals(Money.of(600, "EUR"), wallet.balance(ANNA, EUR));
        assertEquals(List.of("refund:refund-2", "top-up:receipt-1"),
                wallet.history(ANNA, 10).stream().map(LedgerTransaction::key).toList());
        assertLedgerBalances();
    }

    @Test
    void aReferenceNamesOneMovement() {
        wallet.topUp(ANNA, Money.of(1_000, "EUR"), "receipt-1");

        assertEquals("top-up:receipt-1", wallet.topUp(new AccountId("boris"), Money.of(1, "EUR"), "receipt-1").key(),
                "a repeated reference is the movement booked before, whoever asks");
        assertEquals(Money.of(0, "EUR"), wallet.balance(new AccountId("boris"), EUR));
    }

    /** Double entry: all postings, and all balances, of a currency sum to zero, and balances match the postings. */
    private void assertLedgerBalances() {
        assertEquals(0, sum("SELECT COALESCE(SUM(amount_minor_units), 0) FROM ledger_entry WHERE currency = 'EUR'"));
        assertEquals(0, sum("SELECT COALESCE(SUM(amount_minor_units), 0) FROM ledger_balance WHERE currency = 'EUR'"));
        assertEquals(wallet.balance(ANNA, EUR).minorUnits(), sum("SELECT COALESCE(SUM(amount_minor_units), 0)"
                + " FROM ledger_entry WHERE ledger_account = 'account:anna'"));
    }

    private long sum(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(sql, e);
        }
    }
}
