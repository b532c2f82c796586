package org.pilegate.uplink.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.uplink.UplinkOutbox;
import org.pilegate.api.vehicle.AccountId;

/**
 * The outbox as the store sees it while the uplink is enabled: it is registered only then, so that a gateway with the
 * uplink disabled writes its sessions and fees without the outbox's transaction and row lock.
 */
final class RecordingOutbox implements UplinkOutbox {

    private final Records records;
    private final ChargeRecords chargeRecords;

    RecordingOutbox(Records records, ChargeRecords chargeRecords) {
        this.records = records;
        this.chargeRecords = chargeRecords;
    }

    @Override
    public void sessionChanged(Connection transaction, ChargingSession session) throws SQLException {
        JdbcOutbox.add(transaction, records.session(session));
    }

    @Override
    public void sessionPriced(Connection transaction, ChargingSession session, Optional<AccountId> account,
            FeeNotice fee, PricedSession priced) throws SQLException {
        JdbcOutbox.add(transaction, records.chargeRecord(session.id().value(), fee.issuedAt(),
                chargeRecords.cdr(session, account, fee, priced)));
    }
}
