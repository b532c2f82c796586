package org.pilegate.session.internal;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.terminal.ErrorReply;

/** A terminal's request that the server side refuses; the terminal gets {@link #reply()}, nothing else changes. */
final class DialogueRefusal extends Refusal {

    private static final long serialVersionUID = 1L;

    DialogueRefusal(ErrorCode code, String message) {
        super(code, message);
    }

    ErrorReply reply() {
        return new ErrorReply(code(), getMessage());
    }
}
