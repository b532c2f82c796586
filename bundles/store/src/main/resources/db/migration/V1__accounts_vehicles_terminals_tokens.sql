-- Who charges: accounts, the vehicles registered to them and the terminals (driver apps) they use.
CREATE TABLE account (
    account_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE vehicle (
    vehicle_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id    VARCHAR(64) NOT NULL REFERENCES account (account_id),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE terminal (
    terminal_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    account_id    VARCHAR(64) NOT NULL REFERENCES account (account_id),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX terminal_by_account ON terminal (account_id);

-- Association tokens already redeemed, kept until they expire: each token is accepted once, across restarts.
CREATE TABLE redeemed_association_token (
    token_id   VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX redeemed_association_token_by_expiry ON redeemed_association_token (expires_at);
