package org.pilegate.uplink.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.error.ErrorCode;

/**
 * The store's {@code uplink_command} table: the commands answered, by id. The answer goes to the outbox in the
 * transaction that notes the command, so a command is answered exactly once however often it is delivered. Ids are
 * kept for the retention only: a command delivered again after that has expired, and is refused rather than applied.
 */
final class JdbcCommands {

    private final JdbcOutbox outbox;

    JdbcCommands(JdbcOutbox outbox) {
        this.outbox = outbox;
    }

    boolean answered(String commandId) {
        boolean[] found = new boolean[1];
        outbox.inTransaction("read the commands answered", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM uplink_command WHERE"
                    + " command_id = ?")) {
                select.setString(1, commandId);
                try (ResultSet row = select.executeQuery()) {
                    found[0] = row.next();
                }
            }
        });
        return found[0];
    }

    /**
     * Notes the command as answered (where it has an id) and adds the answer to the outbox, in one transaction.
     *
     * @param refused the code it was refused with; empty when it was applied
     */
    void answer(Optional<String> commandId, String type, Optional<ErrorCode> refused, OutboxEvent ack,
            Instant at) {
        outbox.inTransaction("answer command " + commandId.orElse("without an id"), connection -> {
            if (commandId.isPresent()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO uplink_command"
                        + " (command_id, command_type, outcome, code, answered_at) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, commandId.get());
                    insert.setString(2, type);
                    insert.setString(3, refused.isEmpty() ? "applied" : "refused");
                    insert.setString(4, refused.map(ErrorCode::code).orElse(null));
                    insert.setTimestamp(5, Timestamp.from(at));
                    insert.executeUpdate();
                }
            }
            JdbcOutbox.add(connection, ack);
        });
    }

    /**
     * Forgets the commands answered before {@code cutoff}.
     *
     * @return how many were forgotten
     */
    int forgetAnsweredBefore(Instant cutoff) {
        int[] forgotten = new int[1];
        outbox.inTransaction("forget the commands answered before " + cutoff, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM uplink_command WHERE"
                    + " answered_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                forgotten[0] = delete.executeUpdate();
            }
        });
        return forgotten[0];
    }
}
