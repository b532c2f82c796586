package org.pilegate.session.internal;

import org.pilegate.api.session.SessionId;
import org.pilegate.api.terminal.ErrorReply;

/** A terminal's request that the server side refuses; the terminal gets {@link #reply()}, nothing else changes. */
final class DialogueRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    DialogueRefusal(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    static DialogueRefusal notBound(SessionId session) {
        return new DialogueRefusal("not_bound", "session " + session + " is not bound to this terminal");
    }

    static DialogueRefusal unknown(SessionId session) {
        return new DialogueRefusal("unknown_session", "there is no session " + session);
    }

    ErrorReply reply() {
        return new ErrorReply(code, getMessage());
    }
}
