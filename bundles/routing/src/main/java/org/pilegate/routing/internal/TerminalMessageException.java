package org.pilegate.routing.internal;

import org.pilegate.api.terminal.ErrorReply;

/** A terminal message was refused; the reply tells the terminal what and where. */
final class TerminalMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorReply reply;

    TerminalMessageException(String code, String message) {
        super(code + ": " + message);
        this.reply = new ErrorReply(code, message);
    }

    ErrorReply reply() {
        return reply;
    }
}
