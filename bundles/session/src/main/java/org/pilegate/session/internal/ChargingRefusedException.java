package org.pilegate.session.internal;

/** A charging request that cannot be granted; code and message go to the terminal as an error reply. */
final class ChargingRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    ChargingRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
