package org.pilegate.api.terminal;

import java.util.Objects;
import org.pilegate.api.pile.PileId;

/**
 * A terminal claims a pile by returning the token of an {@link AssociationPrompt}; once accepted,
 * the pile's dialogue is routed to that terminal.
 *
 * @param pile the pile claimed
 * @param associationToken the token the pile showed
 * @param terminal the terminal making the claim
 */
public record AssociationRequest(PileId pile, String associationToken, TerminalId terminal)
        implements TerminalInbound {

    public static final String TYPE = "association_request";

    public AssociationRequest {
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(associationToken, "associationToken");
        Objects.requireNonNull(terminal, "terminal");
        if (associationToken.isBlank()) {
            throw new IllegalArgumentException("associationToken must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
