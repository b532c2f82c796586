package org.pilegate.api.terminal;

import java.time.Instant;
import java.util.Objects;
import org.pilegate.api.pile.PileId;

/**
 * Shows a one-time token at a pile that a driver's terminal sends back in an
 * {@link AssociationRequest}, to prove it stands at that pile.
 *
 * @param pile the pile showing the token
 * @param associationToken the token, e.g. the content of a QR code
 * @param expiresAt after this instant the token is refused
 */
public record AssociationPrompt(PileId pile, String associationToken, Instant expiresAt)
        implements TerminalOutbound {

    public static final String TYPE = "association_prompt";

    public AssociationPrompt {
        Objects.requireNonNull(pile, "pile");
        Objects.requireNonNull(associationToken, "associationToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (associationToken.isBlank()) {
            throw new IllegalArgumentException("associationToken must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
