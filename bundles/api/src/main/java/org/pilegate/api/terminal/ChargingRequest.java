package org.pilegate.api.terminal;

import java.util.Objects;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingTargets;

/**
 * The driver's answer to a {@link ChargingPrompt}: start charging at the pile with these targets.
 *
 * @param pile the pile to charge at
 * @param targets what the driver asks for
 */
public record ChargingRequest(PileId pile, ChargingTargets targets) implements TerminalInbound {

    public static final String TYPE = "charging_request";

    public ChargingRequest {
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(targets, "targets");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
