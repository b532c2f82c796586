package org.pilegate.api.terminal;

import java.util.Objects;

import org.pilegate.api.error.ErrorCode;

/**
 * Tells a terminal why its message was refused.
 *
 * @param code the reason; on the wire its {@link ErrorCode#code()}, e.g. "pile_busy"
 * @param message explanation for humans
 */
public record ErrorReply(ErrorCode code, String message) implements TerminalOutbound {

    public static final String TYPE = "error";

    public ErrorReply {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
