package org.pilegate.api.terminal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tells a terminal why its message was refused.
 *
 * @param code machine-readable reason in lower snake case, e.g. "pile_busy", "token_expired"
 * @param message explanation for humans
 */
public record ErrorReply(String code, String message) implements TerminalOutbound {

    public static final String TYPE = "error";

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be lower snake case, at most 64 characters: '" + code + "'");
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
