package org.pilegate.web.internal;

/** A request the API refuses: answered with {@code status} and an error object naming the code and what is wrong. */
final class ApiRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiRefusal(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiRefusal badRequest(String message) {
        return new ApiRefusal(400, "invalid_request", message);
    }

    static ApiRefusal unauthenticated() {
        return new ApiRefusal(401, "unauthenticated", "sign in at POST /api/operator/login first");
    }

    static ApiRefusal unavailable(String what) {
        return new ApiRefusal(503, "service_unavailable", what + " is not running");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
