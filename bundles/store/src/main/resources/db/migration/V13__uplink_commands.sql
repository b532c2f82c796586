-- Commands from the fleet that this gateway answered, by their id: a command delivered again (Kafka delivers at least
-- once) is recognised and neither applied nor answered a second time. Its answer went to the uplink outbox in the
-- transaction that added the row, so it is sent although the command is not looked at again.
CREATE TABLE uplink_command (
    command_id   VARCHAR(64) PRIMARY KEY,
    command_type VARCHAR(32) NOT NULL,
    outcome      VARCHAR(16) NOT NULL,
    code         VARCHAR(40),
    answered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
