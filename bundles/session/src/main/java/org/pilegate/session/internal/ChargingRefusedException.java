package org.pilegate.session.internal;

import org.pilegate.api.error.ErrorCode;

/** A charging request that cannot be granted; code and message go to the terminal as an error reply. */
final class ChargingRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    ChargingRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
