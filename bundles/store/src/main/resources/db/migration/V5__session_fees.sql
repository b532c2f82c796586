-- The fee of a finished session as the terminal was told it, itemised. Issued once per session (the primary key),
-- so a restart re-sends the same notice and a payment confirmation names exactly this fee.
CREATE TABLE session_fee (
    session_id        VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES charging_session (session_id),
    fee_id            VARCHAR(64) NOT NULL,
    tariff_id         VARCHAR(64) NOT NULL,
    total_minor_units BIGINT NOT NULL,
    currency          CHAR(3) NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE session_fee_line (
    session_id                VARCHAR(64) NOT NULL REFERENCES session_fee (session_id),
    position                  INTEGER NOT NULL,
    component                 VARCHAR(16) NOT NULL,
    quantity                  BIGINT NOT NULL,
    unit                      VARCHAR(16) NOT NULL,
    amount_ex_vat_minor_units BIGINT NOT NULL,
    vat_minor_units           BIGINT NOT NULL,
    PRIMARY KEY (session_id, position)
);
