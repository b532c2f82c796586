-- Drivers' wallets as a double-entry ledger. A transaction is one movement of money; its entries sum to zero.
-- Its key makes it happen once: "fee:<session>" for a session's fee, "top-up:<reference>", "refund:<reference>".
CREATE TABLE ledger_transaction (
    transaction_id VARCHAR(64) NOT NULL PRIMARY KEY,
    kind           VARCHAR(16) NOT NULL,
    idempotency_key VARCHAR(200) NOT NULL UNIQUE,
    fee_id         VARCHAR(64),
    booked_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ledger_entry (
    transaction_id     VARCHAR(64) NOT NULL REFERENCES ledger_transaction (transaction_id),
    ledger_account     VARCHAR(80) NOT NULL,
    amount_minor_units BIGINT NOT NULL,
    currency           CHAR(3) NOT NULL,
    PRIMARY KEY (transaction_id, ledger_account)
);

CREATE INDEX ledger_entry_by_account ON ledger_entry (ledger_account);

-- The balance of each ledger account and currency, kept with every posting in the same database transaction;
-- the row is locked while a payment checks and moves it, so concurrent payments cannot overdraw it.
CREATE TABLE ledger_balance (
    ledger_account     VARCHAR(80) NOT NULL,
    currency           CHAR(3) NOT NULL,
    amount_minor_units BIGINT NOT NULL,
    PRIMARY KEY (ledger_account, currency)
);
