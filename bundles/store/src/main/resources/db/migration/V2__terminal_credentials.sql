-- The credential a terminal (driver app) connects with: only a digest of its 256-bit random secret is kept.
-- Issuing a new credential replaces the old one, which is how a lost phone is locked out.
CREATE TABLE terminal_credential (
    terminal_id VARCHAR(64) NOT NULL PRIMARY KEY REFERENCES terminal (terminal_id) ON DELETE CASCADE,
    secret_sha256 VARCHAR(64) NOT NULL,
    issued_at TIMESTAMP WITH TIME ZONE NOT NULL
);
