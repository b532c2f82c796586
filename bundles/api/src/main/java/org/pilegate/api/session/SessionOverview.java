package org.pilegate.api.session;

import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;

/**
 * A session with who it belongs to and where its money stands.
 *
 * @param session the session
 * @param account the account charged for it, once known
 * @param boundTerminal the terminal bound to it, if any
 * @param deliveredWh energy delivered so far (or in all, once ended), in Wh
 * @param fee the fee issued for it, once finished and priced
 */
public record SessionOverview(
        ChargingSession session,
        Optional<AccountId> account,
        Optional<TerminalId> boundTerminal,
        long deliveredWh,
        Optional<Money> fee) {

    public SessionOverview {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(boundTerminal, "boundTerminal");
        Objects.requireNonNull(fee, "fee");
        if (deliveredWh < 0) {
            throw new IllegalArgumentException("deliveredWh must not be negative: " + deliveredWh);
        }
    }
}
