package org.pilegate.api.terminal;

import java.util.Objects;

import org.pilegate.api.pile.PileId;

/**
 * A terminal scanned a pile's code (its QR content is the pile id): it asks for the charging and association prompts
 * of the vehicle plugged in there. This is how drivers whose vehicle the gateway does not know start charging.
 *
 * @param pile the pile scanned
 */
public record PromptRequest(PileId pile) implements TerminalInbound {

    public static final String TYPE = "prompt_request";

    public PromptRequest {
        Objects.requireNonNull(pile, "pile");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
