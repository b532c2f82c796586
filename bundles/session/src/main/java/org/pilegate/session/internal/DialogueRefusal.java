package org.pilegate.session.internal;

import org.pilegate.api.terminal.ErrorReply;

/** A terminal's request that the server side refuses; the terminal gets {@link #reply()}, nothing else changes. */
final class DialogueRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    DialogueRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorReply reply() {
        return new ErrorReply(code, getMessage());
    }
}
