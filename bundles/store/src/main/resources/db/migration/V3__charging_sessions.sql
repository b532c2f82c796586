-- Charging sessions from plug-in to the end of energy delivery, with the terminal bound to each (the connection
-- relationship status is pushed over) and what the gateway decided for it. Energy is kept as absolute meter
-- registers, so a session resumed after a restart continues from the register, whatever happened meanwhile.
CREATE TABLE charging_session (
    session_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    pile_id            VARCHAR(64) NOT NULL,
    vehicle_id         VARCHAR(64),
    account_id         VARCHAR(64) REFERENCES account (account_id),
    state              VARCHAR(16) NOT NULL,
    started_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    start_register_wh  BIGINT NOT NULL,
    prompted_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    bound_terminal_id  VARCHAR(64),
    bound_at           TIMESTAMP WITH TIME ZONE,
    max_current_a      INTEGER,
    target_energy_wh   BIGINT,
    budget_minor_units BIGINT,
    budget_currency    CHAR(3),
    departure          TIMESTAMP WITH TIME ZONE,
    ended_at           TIMESTAMP WITH TIME ZONE,
    end_register_wh    BIGINT,
    end_reason         VARCHAR(200)
);

CREATE INDEX charging_session_by_state ON charging_session (state);
CREATE INDEX charging_session_by_terminal ON charging_session (bound_terminal_id);

-- Every status update sent for a session, numbered per session: what a reconnecting terminal missed is replayed from
-- here, and it is the session's timeline of meter registers and states that pricing works from.
CREATE TABLE session_status (
    session_id  VARCHAR(64) NOT NULL REFERENCES charging_session (session_id),
    seq         BIGINT NOT NULL,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    state       VARCHAR(16) NOT NULL,
    power_w     BIGINT NOT NULL,
    register_wh BIGINT NOT NULL,
    PRIMARY KEY (session_id, seq)
);

-- Keys the gateway generates for itself on first start, e.g. the one that signs association tokens; kept here so
-- that every gateway sharing the database agrees on them and tokens stay valid across restarts.
CREATE TABLE gateway_secret (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    secret     VARCHAR(200) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
