package org.pilegate.api.wallet;

import java.util.Objects;

/** The wallet refused to move money; nothing was booked. */
public class PaymentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code machine-readable reason in lower snake case, e.g. "insufficient_balance"
     * @param message explanation for humans
     */
    public PaymentRefusedException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
