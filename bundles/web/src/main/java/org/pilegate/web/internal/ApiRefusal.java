package org.pilegate.web.internal;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.error.Refusal;

/** A request the API refuses: answered with its code's status and an error object naming the code and what is wrong. */
final class ApiRefusal extends Refusal {

    private static final long serialVersionUID = 1L;

    ApiRefusal(ErrorCode code, String message) {
        super(code, message);
    }

    static ApiRefusal badRequest(String message) {
        return new ApiRefusal(ErrorCode.INVALID_REQUEST, message);
    }

    static ApiRefusal unauthenticated() {
        return new ApiRefusal(ErrorCode.UNAUTHENTICATED, "sign in at POST /api/operator/login first");
    }

    static ApiRefusal unavailable(String what) {
        return new ApiRefusal(ErrorCode.SERVICE_UNAVAILABLE, what + " is not running");
    }
}
