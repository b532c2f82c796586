package org.pilegate.api.wallet;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.AccountId;

/**
 * Drivers' wallets as a double-entry ledger: every movement is a transaction of entries that sum to zero, between a
 * driver's account and the site (revenue for fees, funding for top-ups and refunds). Each movement carries a key
 * that makes it happen once, however often it is asked for.
 */
public interface Wallet {

    /** The account's balance in {@code currency}; zero for an account that never had money. */
    Money balance(AccountId account, Currency currency);

    /**
     * The operator credits money the driver paid in.
     *
     * @param reference identifies the top-up (e.g. a receipt number): the same reference is applied once
     * @return the transaction, new or the one recorded before under that reference
     * @throws IllegalArgumentException if the amount is not positive, or the reference was used for another movement
     */
    LedgerTransaction topUp(AccountId account, Money amount, String reference);

    /**
     * The operator pays money back to the driver out of the wallet.
     *
     * @param reference identifies the refund: the same reference is applied once
     * @throws PaymentRefusedException if the balance does not cover it
     */
    LedgerTransaction refund(AccountId account, Money amount, String reference) throws PaymentRefusedException;

    /**
     * Debits a session's fee from the account, once per session: a repeated or concurrent call for a session that is
     * paid already returns the recorded payment and debits nothing.
     *
     * @param feeId the fee notice the driver confirmed; a session is paid for one fee only
     * @throws PaymentRefusedException if the balance does not cover the fee (nothing is debited), or the session was
     *         paid for another fee
     */
    LedgerTransaction paySessionFee(SessionId session, String feeId, AccountId account, Money fee)
            throws PaymentRefusedException;

    /** The payment of a session's fee, if it was paid. */
    Optional<LedgerTransaction> paymentOf(SessionId session);

    /** The account's movements, newest first, at most {@code limit}. */
    List<LedgerTransaction> history(AccountId account, int limit);
}
