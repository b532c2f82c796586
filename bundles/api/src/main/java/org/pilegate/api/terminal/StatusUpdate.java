package org.pilegate.api.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;

/**
 * Progress of a running session, sent periodically and on every state change.
 *
 * @param session the session
 * @param pile the pile it runs on
 * @param seq per-session counter, increasing by one per update, so terminals drop stale ones
 * @param state the session's state
 * @param powerW active power in W, positive towards the vehicle
 * @param energyWh energy delivered in this session so far, in Wh
 * @param elapsed time since the session started
 * @param estimatedCost fee so far at the current tariff, if a tariff applies
 * @param at when the figures were taken
 */
public record StatusUpdate(
        SessionId session,
        PileId pile,
        long seq,
        SessionState state,
        long powerW,
        long energyWh,
        Duration elapsed,
        Optional<Money> estimatedCost,
        Instant at) implements TerminalOutbound {

    public static final String TYPE = "status_update";

    public StatusUpdate {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(estimatedCost, "estimatedCost");
        Objects.requireNonNull(at, "at");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        if (energyWh < 0) {
            throw new IllegalArgumentException("energyWh must not be negative: " + energyWh);
        }
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative: " + elapsed);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
