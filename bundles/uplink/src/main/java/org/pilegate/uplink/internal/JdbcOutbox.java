package org.pilegate.uplink.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.pilegate.api.uplink.UplinkBacklog.Backlog;

/**
 * The store's {@code uplink_outbox} table: events added in their cause's transaction, read oldest first by the relay,
 * removed once the broker acknowledged them; past the disk budget the oldest telemetry goes.
 */
final class JdbcOutbox {

    private final DataSource dataSource;

    JdbcOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the event in the caller's transaction. */
    static void add(Connection transaction, OutboxEvent event) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("INSERT INTO uplink_outbox (event_id, topic,"
                + " record_key, billing, payload, size_bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, event.eventId());
            insert.setString(2, event.topic().name());
            insert.setString(3, event.key());
            insert.setBoolean(4, event.topic().billing());
            insert.setString(5, event.payload());
            insert.setInt(6, event.sizeBytes());
            insert.setTimestamp(7, Timestamp.from(event.createdAt()));
            insert.executeUpdate();
        }
    }

    /** Adds the events in one transaction of their own: telemetry, which no other change waits for. */
    void addAll(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        inTransaction("add " + events.size() + " event(s) to the uplink outbox", connection -> {
            for (OutboxEvent event : events) {
                add(connection, event);
            }
        });
    }

    /** Runs {@code work} in one transaction of its own; {@code what} it does names it when it fails. */
    void inTransaction(String what, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what, e);
        }
    }

    /** Statements on one connection inside a transaction. */
    interface Work {
        void run(Connection transaction) throws SQLException;
    }

    /** Events after {@code seq}, oldest first, at most {@code limit}. */
    List<OutboxEvent> after(long seq, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT seq, event_id, topic, record_key,"
                        + " payload, created_at FROM uplink_outbox WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, seq);
            select.setMaxRows(limit);
            List<OutboxEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new OutboxEvent(rows.getLong(1), rows.getString(2), Topic.valueOf(rows.getString(3)),
                            rows.getString(4), rows.getString(5), rows.getTimestamp(6).toInstant()));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uplink outbox", e);
        }
    }

    /** Removes the events the broker acknowledged. */
    void remove(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM uplink_outbox WHERE seq = ?")) {
            for (long seq : seqs) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove " + seqs.size() + " sent event(s) from the uplink outbox",
                    e);
        }
    }

    /**
     * Drops the oldest telemetry until the outbox is within {@code budgetBytes}, or no telemetry is left: billing
     * events stay whatever their size.
     *
     * @return how many events were dropped
     */
    int keepWithin(long budgetBytes) {
        try (Connection connection = dataSource.getConnection()) {
            long excess = totalBytes(connection) - budgetBytes;
            if (excess <= 0) {
                return 0;
            }
            long upTo = -1;
            int dropped = 0;
            try (PreparedStatement oldest = connection.prepareStatement("SELECT seq, size_bytes FROM uplink_outbox"
                    + " WHERE billing = FALSE ORDER BY seq")) {
                try (ResultSet rows = oldest.executeQuery()) {
                    while (excess > 0 && rows.next()) {
                        upTo = rows.getLong(1);
                        excess -= rows.getInt(2);
                        dropped++;
                    }
                }
            }
            if (upTo < 0) {
                return 0;
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM uplink_outbox WHERE billing ="
                    + " FALSE AND seq <= ?")) {
                delete.setLong(1, upTo);
                return delete.executeUpdate() > 0 ? dropped : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the uplink outbox within its budget", e);
        }
    }

    /** What is waiting; the counters since the start are the caller's. */
    Backlog backlog(boolean enabled, long droppedTelemetry, long sent, Optional<String> lastError) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*), COALESCE(SUM(CASE WHEN"
                        + " billing THEN 1 ELSE 0 END), 0), COALESCE(SUM(size_bytes), 0), MIN(created_at)"
                        + " FROM uplink_outbox");
                ResultSet row = select.executeQuery()) {
            row.next();
            return new Backlog(enabled, row.getLong(1), row.getLong(2), row.getLong(3),
                    Optional.ofNullable(row.getTimestamp(4)).map(Timestamp::toInstant), droppedTelemetry, sent,
                    lastError);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the uplink outbox", e);
        }
    }

    private static long totalBytes(Connection connection) throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(size_bytes), 0) FROM"
                + " uplink_outbox"); ResultSet row = sum.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
