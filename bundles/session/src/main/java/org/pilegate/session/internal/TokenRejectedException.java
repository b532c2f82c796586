package org.pilegate.session.internal;

/** An association token was refused, for the {@link #reason()} given. */
final class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final TokenRejection reason;

    TokenRejectedException(TokenRejection reason) {
        super(reason.code().code() + ": " + reason.message());
        this.reason = reason;
    }

    TokenRejection reason() {
        return reason;
    }
}
