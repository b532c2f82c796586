package org.pilegate.api.wallet;

import java.util.Objects;

import org.pilegate.api.error.ErrorCode;

/** The wallet refused to move money; nothing was booked. */
public class PaymentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code the reason, e.g. {@link ErrorCode#INSUFFICIENT_BALANCE}
     * @param message explanation for humans
     */
    public PaymentRefusedException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
