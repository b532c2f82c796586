package org.pilegate.api.terminal;

import java.util.Objects;
import org.pilegate.api.session.SessionId;

/**
 * The terminal reports that the fee of a {@link FeeNotice} was paid; the session becomes PAID.
 *
 * @param session the session paid for
 * @param feeId the fee paid, as given in the notice
 */
public record PaymentConfirmation(SessionId session, String feeId) implements TerminalInbound {

    public static final String TYPE = "payment_confirmation";

    public PaymentConfirmation {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(feeId, "feeId");
        if (feeId.isBlank()) {
            throw new IllegalArgumentException("feeId must not be blank");
        }
    }

    @Override
    public String type() {
        return TYPE;
    }
}
