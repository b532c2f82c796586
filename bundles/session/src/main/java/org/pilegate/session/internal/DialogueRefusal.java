package org.pilegate.session.internal;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.ErrorReply;

/** A terminal's request that the server side refuses; the terminal gets {@link #reply()}, nothing else changes. */
final class DialogueRefusal extends Refusal {

    private static final long serialVersionUID = 1L;

    DialogueRefusal(ErrorCode code, String message) {
        super(code, message);
    }

    static DialogueRefusal notBound(SessionId session) {
        return new DialogueRefusal(ErrorCode.NOT_BOUND, "session " + session + " is not bound to this terminal");
    }

    static DialogueRefusal unknown(SessionId session) {
        return new DialogueRefusal(ErrorCode.UNKNOWN_SESSION, "there is no session " + session);
    }

    ErrorReply reply() {
        return new ErrorReply(code(), getMessage());
    }
}
