package org.pilegate.routing.internal;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;
import org.pilegate.api.terminal.ErrorReply;

/** A terminal message was refused; the reply tells the terminal what and where. */
final class TerminalMessageException extends Refusal {

    private static final long serialVersionUID = 1L;

    TerminalMessageException(ErrorCode code, String message) {
        super(code, message);
    }

    ErrorReply reply() {
        return new ErrorReply(code(), getMessage());
    }
}
