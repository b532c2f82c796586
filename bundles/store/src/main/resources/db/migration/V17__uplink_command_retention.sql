-- Answered commands are forgotten once older than the uplink's commandRetentionH: a command delivered again after
-- that has expired (a command may be valid for commandLifetimeMaxH at most, less than the retention) and is refused.
CREATE INDEX uplink_command_answered ON uplink_command (answered_at);
