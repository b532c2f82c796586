package org.pilegate.api.wallet;

import java.util.Objects;
import java.util.regex.Pattern;

import org.pilegate.api.money.Money;
import org.pilegate.api.vehicle.AccountId;

/**
 * One posting of a {@link LedgerTransaction}: money added to (positive) or taken from (negative) a ledger account.
 *
 * @param ledgerAccount "account:&lt;account id&gt;" for a driver's wallet, "site:revenue" or "site:funding"
 * @param amount signed amount
 */
public record LedgerEntry(String ledgerAccount, Money amount) {

    public static final String SITE_REVENUE = "site:revenue";
    public static final String SITE_FUNDING = "site:funding";
    private static final Pattern LEDGER_ACCOUNT = Pattern.compile("(account:[\\x21-\\x7E]{1,64}|site:[a-z]{1,32})");

    /** The ledger account of a driver's wallet. */
    public static String walletOf(AccountId account) {
        return "account:" + account.value();
    }

    public LedgerEntry {
        Objects.requireNonNull(ledgerAccount, "ledgerAccount");
        Objects.requireNonNull(amount, "amount");
        if (!LEDGER_ACCOUNT.matcher(ledgerAccount).matches()) {
            throw new IllegalArgumentException("not a ledger account: '" + ledgerAccount + "'");
        }
    }
}
