package org.pilegate.api.terminal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.pilegate.api.money.Money;
import org.pilegate.api.session.SessionId;

/**
 * The fee for a finished session, itemised; paid by the terminal and confirmed with a
 * {@link PaymentConfirmation} quoting {@code feeId}.
 *
 * @param session the session billed
 * @param feeId identifies this fee, so a payment cannot be applied twice
 * @param total amount due, the sum of the lines' totals; it includes VAT only where every line states its VAT
 *        ({@link #vatKnown()}), and is never said to include VAT otherwise
 * @param lines the itemised components, in display order
 * @param issuedAt when the fee was computed
 */
public record FeeNotice(SessionId session, String feeId, Money total, List<FeeLine> lines, Instant issuedAt)
        implements TerminalOutbound {

    public static final String TYPE = "fee_notice";

    public FeeNotice {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(feeId, "feeId");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (feeId.isBlank()) {
            throw new IllegalArgumentException("feeId must not be blank");
        }
        Money sum = Money.zero(total.currency());
        for (FeeLine line : lines) {
            sum = sum.plus(Objects.requireNonNull(line, "lines element").total());
        }
        lines = List.copyOf(lines);
        if (!sum.equals(total)) {
            throw new IllegalArgumentException("total " + total + " differs from the sum of lines " + sum);
        }
    }

    /** Whether every line states its VAT, so that {@code total} is the amount including VAT. */
    public boolean vatKnown() {
        return lines.stream().allMatch(line -> line.vat().isPresent());
    }

    @Override
    public String type() {
        return TYPE;
    }
}
