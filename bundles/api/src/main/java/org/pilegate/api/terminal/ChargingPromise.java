package org.pilegate.api.terminal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;

/**
 * What the depot's plan promises a session, sent with the answer to its charging request: whether the target is met
 * by the departure and, if not, the energy expected by then; the fee expected; and what holds the pile back now.
 *
 * @param session the session
 * @param pile the pile it runs on
 * @param targetMet whether the plan delivers the target by the departure (true without a target)
 * @param expectedEnergyWh the energy the plan delivers by the departure, or over its horizon without one, in Wh
 * @param departure the departure the plan works to, if the driver gave one
 * @param expectedFee the fee for that energy at the pile's tariff, if a tariff applies
 * @param holdBack what keeps the pile's current where it is now, e.g. "waiting for cheaper energy at 22:00"
 * @param at when the plan was made
 */
public record ChargingPromise(SessionId session, PileId pile, boolean targetMet, long expectedEnergyWh,
        Optional<Instant> departure, Optional<Money> expectedFee, String holdBack, Instant at)
        implements TerminalOutbound {

    public static final String TYPE = "charging_promise";

    public ChargingPromise {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(departure, "departure");
        Objects.requireNonNull(expectedFee, "expectedFee");
        Objects.requireNonNull(holdBack, "holdBack");
        Objects.requireNonNull(at, "at");
        if (expectedEnergyWh < 0) {
            throw new IllegalArgumentException("expectedEnergyWh must not be negative: " + expectedEnergyWh);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
