package org.pilegate.session.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.StatusUpdate;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.terminal.TerminalOutbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminal's side of the money: its payment confirmation, and the fee notices and payments a stop of the gateway
 * left undone, found again. Runs on the pile's lane of the session.
 */
final class Payments {

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);
    /** How often finished sessions are looked at for a fee not yet issued or a payment not yet recorded. */
    static final Duration SETTLE_EVERY = Duration.ofSeconds(30);
    private static final int SETTLE_BATCH = 100;

    private final JdbcSessions sessions;
    private final Settlement settlement;
    private final StatusLog statusLog;
    private final Announcer announcer;
    private final PileLanes lanes;

    Payments(JdbcSessions sessions, Settlement settlement, StatusLog statusLog, Announcer announcer,
            PileLanes lanes) {
        this.sessions = sessions;
        this.settlement = settlement;
        this.statusLog = statusLog;
        this.announcer = announcer;
        this.lanes = lanes;
    }

    /** The bound terminal confirmed the fee: the wallet is debited once and the session is paid. */
    List<TerminalOutbound> pay(TerminalId terminal, PaymentConfirmation confirmation) {
        SessionRecord session = sessions.find(confirmation.session()).orElseThrow();
        if (session.state() == SessionState.PAID) {
            return statusLog.latest(session).map(update -> List.<TerminalOutbound>of(update)).orElse(List.of());
        }
        if (session.state() != SessionState.FINISHED) {
            throw new DialogueRefusal(ErrorCode.NOT_FINISHED, "session " + session.id() + " is " + session.state()
                    + "; its fee comes when it has finished");
        }
        return List.of(statusLog.recordEnded(settlement.pay(session, terminal, confirmation)));
    }

    /**
     * Finished sessions whose fee was not issued (the gateway stopped in between) get it now and their terminal is
     * told; those the wallet shows paid are recorded paid.
     */
    void settleOutstanding() {
        try {
            for (SessionRecord unpaid : sessions.unpaid(SETTLE_BATCH)) {
                lanes.of(unpaid.session().pile()).work.execute(() -> settle(unpaid.id()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Settling finished sessions failed; trying again in {} s", SETTLE_EVERY.toSeconds(), e);
        }
    }

    private void settle(SessionId id) {
        SessionRecord unpaid = sessions.find(id).filter(session -> session.state() == SessionState.FINISHED)
                .orElse(null);
        if (unpaid == null) {
            return;
        }
        Optional<SessionRecord> paid = settlement.paidMeanwhile(unpaid);
        if (paid.isPresent()) {
            StatusUpdate update = statusLog.recordEnded(paid.get());
            paid.get().terminal().ifPresent(terminal -> announcer.push(terminal, update));
        } else {
            settlement.feeOf(unpaid).ifPresent(notice -> unpaid.terminal().ifPresent(t -> announcer.push(t, notice)));
        }
    }
}
