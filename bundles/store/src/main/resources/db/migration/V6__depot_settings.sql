-- What operators set for the depot at run time: a pile taken out of service, a pile's current cap, the power the
-- site may draw. Kept with the sessions rather than in etc/ files, so the settings survive a restart and every
-- gateway sharing the database agrees on them. A pile without a row is in service and uncapped.
CREATE TABLE pile_setting (
    pile_id         VARCHAR(64) NOT NULL PRIMARY KEY,
    available       BOOLEAN NOT NULL,
    current_limit_a INTEGER,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Site-wide numbers by name, e.g. power_limit_w; a setting without a row is not limited.
CREATE TABLE site_setting (
    name         VARCHAR(64) NOT NULL PRIMARY KEY,
    number_value BIGINT NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
