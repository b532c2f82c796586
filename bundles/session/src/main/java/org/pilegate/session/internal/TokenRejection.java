package org.pilegate.session.internal;

import org.pilegate.api.error.ErrorCode;

/** Why an association token was refused; each maps to the error code the terminal receives. */
enum TokenRejection {
    MALFORMED(ErrorCode.TOKEN_MALFORMED, "the association token is not one this gateway issues"),
    FORGED(ErrorCode.TOKEN_FORGED, "the association token's signature does not match"),
    OTHER_PILE(ErrorCode.TOKEN_OTHER_PILE, "the association token belongs to another pile"),
    EXPIRED(ErrorCode.TOKEN_EXPIRED, "the association token has expired; plug in again or scan the pile's code"),
    REPLAYED(ErrorCode.TOKEN_REPLAYED, "the association token was used already");

    private final ErrorCode code;
    private final String message;

    TokenRejection(ErrorCode code, String message) {
        this.code = code;
        this.message = message;
    }

    ErrorCode code() {
        return code;
    }

    String message() {
        return message;
    }
}
