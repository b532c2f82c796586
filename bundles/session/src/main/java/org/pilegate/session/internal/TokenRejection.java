package org.pilegate.session.internal;

/** Why an association token was refused; each maps to the error code the terminal receives. */
enum TokenRejection {
    MALFORMED("token_malformed", "the association token is not one this gateway issues"),
    FORGED("token_forged", "the association token's signature does not match"),
    OTHER_PILE("token_other_pile", "the association token belongs to another pile"),
    EXPIRED("token_expired", "the association token has expired; plug in again or scan the pile's code"),
    REPLAYED("token_replayed", "the association token was used already");

    private final String code;
    private final String message;

    TokenRejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    String code() {
        return code;
    }

    String message() {
        return message;
    }
}
