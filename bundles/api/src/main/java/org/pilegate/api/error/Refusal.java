package org.pilegate.api.error;

import java.util.Objects;

/**
 * A request refused for a reason of the catalogue, thrown to whoever answers the client. It is answered with its code
 * and message, never a stack trace, so none is captured.
 */
public class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** @param message what is wrong and where, for humans */
    public Refusal(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
