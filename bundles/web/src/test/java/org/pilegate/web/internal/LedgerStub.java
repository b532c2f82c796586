package org.pilegate.web.internal;

import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerEntry;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.Wallet;

/** Balances in memory, top-ups applied once per reference; the operator's screens need no more of a wallet. */
final class LedgerStub implements Wallet {

    private final Map<String, Money> balances = new HashMap<>();
    private final Map<String, LedgerTransaction> topUps = new HashMap<>();

    @Override
    public synchronized Money balance(AccountId account, Currency currency) {
        return balances.getOrDefault(account.value() + "/" + currency, Money.zero(currency));
    }

    @Override
    public synchronized LedgerTransaction topUp(AccountId account, Money amount, String reference) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
        return topUps.computeIfAbsent(reference, key -> {
            balances.merge(account.value() + "/" + amount.currency(), amount, Money::plus);
            return new LedgerTransaction(key, LedgerTransaction.Kind.TOP_UP, key, List.of(
                    new LedgerEntry("account:" + account.value(), amount),
                    new LedgerEntry(LedgerEntry.SITE_FUNDING, amount.times(-1))),
                    Instant.now());
        });
    }

    @Override
    public LedgerTransaction refund(AccountId account, Money amount, String reference) {
        throw new UnsupportedOperationException("no refunds on the dashboard");
    }

    @Override
    public LedgerTransaction paySessionFee(SessionId session, String feeId, AccountId account, Money fee) {
        throw new UnsupportedOperationException("terminals pay, operators do not");
    }

    @Override
    public Optional<LedgerTransaction> paymentOf(SessionId session) {
        return Optional.empty();
    }

    @Override
    public List<LedgerTransaction> history(AccountId account, int limit) {
        return List.of();
    }
}
