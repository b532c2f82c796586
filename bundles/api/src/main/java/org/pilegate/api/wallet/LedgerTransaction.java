package org.pilegate.api.wallet;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.pilegate.api.money.Money;

/**
 * One movement of money in the ledger: its entries sum to zero.
 *
 * @param id the transaction
 * @param kind what moved the money
 * @param key what makes it happen once, e.g. "fee:&lt;session&gt;" or "top-up:&lt;reference&gt;"
 * @param entries the postings, at least two, in one currency, summing to zero
 * @param at when it was booked
 */
public record LedgerTransaction(String id, Kind kind, String key, List<LedgerEntry> entries, Instant at) {

    /** What moves money. */
    public enum Kind {
        /** Money paid in by the driver, credited by the operator. */
        TOP_UP,
        /** Money paid back to the driver. */
        REFUND,
        /** A session's fee. */
        SESSION_FEE
    }

    public LedgerTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        entries = List.copyOf(entries);
        if (entries.size() < 2) {
            throw new IllegalArgumentException("a transaction needs at least two entries: " + entries);
        }
        Money sum = Money.zero(entries.get(0).amount().currency());
        for (LedgerEntry entry : entries) {
            sum = sum.plus(entry.amount());
        }
        if (sum.isPositive() || sum.isNegative()) {
            throw new IllegalArgumentException("the entries of transaction " + id + " sum to " + sum + ", not 0");
        }
    }
}
