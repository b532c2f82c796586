package org.pilegate.api.uplink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.vehicle.AccountId;

/**
 * Adds the events for the fleet to the outbox table, on the caller's connection inside the caller's open transaction:
 * the event commits or rolls back with the change that causes it. Adds nothing while the uplink is disabled.
 */
public interface UplinkOutbox {

    /** The session was opened or moved to another state: an event for {@code pilegate.sessions}. */
    void sessionChanged(Connection transaction, ChargingSession session) throws SQLException;

    /**
     * The finished session's fee notice was issued: its charge detail record for {@code pilegate.cdrs}, whose totals
     * are the notice's and whose charging periods are the ones the session was priced in.
     *
     * @param account the account the session was authorised for, when known
     * @param priced the price the notice was issued from: the tariff's id, the OCPI 2.2.1 Tariff object (JSON) that
     *        priced it where the pricing has it (the record keeps it as it was then, whatever the tariff becomes
     *        later), and the periods
     */
    void sessionPriced(Connection transaction, ChargingSession session, Optional<AccountId> account, FeeNotice fee,
            PricedSession priced) throws SQLException;
}
