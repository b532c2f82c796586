package org.pilegate.session.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.store.SqlStates;

/**
 * Fee notices of finished sessions in the store's {@code session_fee} tables: one per session, kept as issued. The
 * notice's charge record goes to the uplink's outbox in the transaction that issues it.
 */
final class JdbcFees {

    private final DataSource dataSource;
    private final Supplier<Optional<UplinkOutbox>> outbox;

    JdbcFees(DataSource dataSource) {
        this(dataSource, Optional::empty);
    }

    JdbcFees(DataSource dataSource, Supplier<Optional<UplinkOutbox>> outbox) {
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    /**
     * Stores the finished session's fee notice, unless it has one already.
     *
     * @param priced the price the notice was issued from: its tariff, and for the charge record the tariff's OCPI
     *        object and the periods, where the pricing has them
     * @return the notice that stands: {@code notice}, or the one issued before
     */
    FeeNotice issue(SessionRecord ended, FeeNotice notice, PricedSession priced) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                insert(connection, notice, priced.tariffId());
                Optional<UplinkOutbox> uplink = outbox.get();
                if (uplink.isPresent()) {
                    uplink.get().sessionPriced(connection, ended.session(), ended.account(), notice, priced);
                }
                connection.commit();
                return notice;
            } catch (SQLException e) {
                connection.rollback();
                if (SqlStates.isDuplicateKey(e)) {
                    return find(notice.session()).orElseThrow(() -> e);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the fee of session " + notice.session(), e);
        }
    }

    Optional<FeeNotice> find(SessionId session) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement fee = connection.prepareStatement("SELECT fee_id, total_minor_units, currency,"
                        + " issued_at FROM session_fee WHERE session_id = ?");
                PreparedStatement lines = connection.prepareStatement("SELECT component, quantity, unit,"
                        + " amount_ex_vat_minor_units, vat_minor_units FROM session_fee_line WHERE session_id = ?"
                        + " ORDER BY position")) {
            fee.setString(1, session.value());
            try (ResultSet row = fee.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Currency currency = Currency.getInstance(row.getString(3));
                lines.setString(1, session.value());
                List<FeeLine> items = new ArrayList<>();
                try (ResultSet line = lines.executeQuery()) {
                    while (line.next()) {
                        long vat = line.getLong(5);
                        Optional<Money> known = line.wasNull() ? Optional.empty() : Optional.of(new Money(vat, currency));
                        items.add(new FeeLine(FeeLine.Component.valueOf(line.getString(1)), line.getLong(2),
                                line.getString(3), new Money(line.getLong(4), currency), known));
                    }
                }
                return Optional.of(new FeeNotice(session, row.getString(1), new Money(row.getLong(2), currency),
                        items, row.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the fee of session " + session, e);
        }
    }

    private static void insert(Connection connection, FeeNotice notice, String tariffId) throws SQLException {
        try (PreparedStatement fee = connection.prepareStatement("INSERT INTO session_fee (session_id, fee_id,"
                + " tariff_id, total_minor_units, currency, issued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            fee.setString(1, notice.session().value());
            fee.setString(2, notice.feeId());
            fee.setString(3, tariffId);
            fee.setLong(4, notice.total().minorUnits());
            fee.setString(5, notice.total().currency().getCurrencyCode());
            fee.setTimestamp(6, Timestamp.from(notice.issuedAt()));
            fee.executeUpdate();
        }
        int position = 0;
        for (FeeLine item : notice.lines()) {
            try (PreparedStatement line = connection.prepareStatement("INSERT INTO session_fee_line (session_id,"
                    + " position, component, quantity, unit, amount_ex_vat_minor_units, vat_minor_units)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                line.setString(1, notice.session().value());
                line.setInt(2, position++);
                line.setString(3, item.component().name());
                line.setLong(4, item.quantity());
                line.setString(5, item.unit());
                line.setLong(6, item.amountExVat().minorUnits());
                line.setObject(7, item.vat().map(Money::minorUnits).orElse(null), Types.BIGINT);
                line.executeUpdate();
            }
        }
    }
}
