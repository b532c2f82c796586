package org.pilegate.session.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.PaymentRefusedException;
import org.pilegate.api.wallet.Wallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The money end of a session: prices it from its recorded timeline, issues the fee notice once, and takes the bound
 * terminal's payment from the wallet of the terminal's account. The wallet books a session's fee once, whatever
 * happens in between, so a payment that was booked but not yet recorded on the session is found again.
 */
final class Settlement {

    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);

    private final JdbcSessions sessions;
    private final JdbcFees fees;
    private final VehicleRegistry registry;
    private final Supplier<Optional<Pricing>> pricing;
    private final Supplier<Optional<Wallet>> wallet;
    private final Clock clock;

    Settlement(JdbcSessions sessions, JdbcFees fees, VehicleRegistry registry, Supplier<Optional<Pricing>> pricing,
            Supplier<Optional<Wallet>> wallet, Clock clock) {
        this.sessions = sessions;
        this.fees = fees;
        this.registry = registry;
        this.pricing = pricing;
        this.wallet = wallet;
        this.clock = clock;
    }

    /** What the tariff at the pile says in words, for the charging prompt. */
    Optional<String> tariffSummary(PileId pile) {
        return pricing.get().flatMap(current -> current.summary(pile));
    }

    /** The balance the terminal's account can spend at the pile, when it pays from a wallet there. */
    Optional<Money> spendable(TerminalId terminal, PileId pile) {
        Optional<Wallet> wallets = wallet.get();
        Optional<AccountId> payer = registry.accountOfTerminal(terminal);
        if (wallets.isEmpty() || payer.isEmpty()) {
            return Optional.empty();
        }
        return pricing.get().flatMap(current -> current.currency(pile))
                .map(currency -> wallets.get().balance(payer.get(), currency));
    }

    /** The fee so far of a running session until {@code now}. */
    Optional<Money> estimate(FeeSoFar fee, Instant now) {
        return pricing.get().flatMap(current -> fee.until(current, now)).map(PricedSession::total);
    }

    /** The fee of a session as its recorded points and {@code now}, a point to come, would have it. */
    Optional<Money> estimate(SessionRecord session, List<StatusPoint> points, StatusPoint now) {
        List<StatusPoint> upToNow = new ArrayList<>(points);
        upToNow.add(now);
        return pricing.get()
                .flatMap(current -> current.price(session.session().pile(), timeline(session.session(), upToNow,
                        now.at())))
                .map(PricedSession::total);
    }

    /** The session's fee notice: the one issued before, or a new one priced now; empty when nothing is charged. */
    Optional<FeeNotice> feeOf(SessionRecord ended) {
        Optional<FeeNotice> issued = fees.find(ended.id());
        if (issued.isPresent()) {
            return issued;
        }
        ChargingSession session = ended.session();
        Instant end = session.endedAt().orElseThrow();
        List<StatusPoint> points = sessions.statusAfter(ended.id(), 0, Integer.MAX_VALUE);
        Optional<PricedSession> priced = pricing.get().flatMap(current -> current.price(session.pile(),
                timeline(session, points, end)));
        if (priced.isEmpty()) {
            return Optional.empty();
        }
        FeeNotice notice = new FeeNotice(ended.id(), UUID.randomUUID().toString(), priced.get().total(),
                priced.get().lines(), clock.instant());
        FeeNotice standing = fees.issue(ended, notice, priced.get());
        LOG.info("Session {}: fee {} ({})", ended.id(), standing.total(), priced.get().tariffId());
        return Optional.of(standing);
    }

    /**
     * Takes the payment the bound terminal confirmed.
     *
     * @return the session, paid
     * @throws DialogueRefusal when the fee is not the one due, the wallet refuses, or the wallet is not running
     */
    SessionRecord pay(SessionRecord ended, TerminalId terminal, PaymentConfirmation confirmation) {
        FeeNotice due = feeOf(ended).orElseThrow(() -> new DialogueRefusal(ErrorCode.NOTHING_DUE,
                "session " + ended.id() + " costs nothing"));
        if (!due.feeId().equals(confirmation.feeId())) {
            throw new DialogueRefusal(ErrorCode.STALE_FEE, "the fee due for session " + ended.id() + " is "
                    + due.feeId() + ", not " + confirmation.feeId());
        }
        AccountId payer = registry.accountOfTerminal(terminal).orElseThrow(() -> new DialogueRefusal(
                ErrorCode.NO_ACCOUNT, "terminal " + terminal + " belongs to no account to pay from"));
        Wallet wallets = wallet.get().orElseThrow(() -> new DialogueRefusal(ErrorCode.SERVICE_UNAVAILABLE,
                "the wallet is not running; confirm the payment again shortly"));
        try {
            wallets.paySessionFee(ended.id(), due.feeId(), payer, due.total());
        } catch (PaymentRefusedException e) {
            LOG.info("Session {}: payment by {} refused: {}", ended.id(), payer, e.getMessage());
            throw new DialogueRefusal(e.code(), e.getMessage());
        }
        SessionRecord paid = ended.paid();
        sessions.update(paid);
        LOG.info("Session {}: {} paid by account {}", ended.id(), due.total(), payer);
        return paid;
    }

    /** A finished session whose fee the wallet has booked already: the crash came between booking and recording. */
    Optional<SessionRecord> paidMeanwhile(SessionRecord ended) {
        if (ended.state() != SessionState.FINISHED || wallet.get().flatMap(w -> w.paymentOf(ended.id())).isEmpty()) {
            return Optional.empty();
        }
        SessionRecord paid = ended.paid();
        sessions.update(paid);
        return Optional.of(paid);
    }

    /**
     * The session as pricing sees it: the recorded points within its time, charging where the session charged, never
     * running backwards ({@link MonotoneSamples}); the log says when a point had to be counted so.
     */
    private static SessionTimeline timeline(ChargingSession session, List<StatusPoint> points, Instant end) {
        MonotoneSamples samples = new MonotoneSamples(session);
        List<MeterSample> timeline = new ArrayList<>(List.of(samples.last()));
        for (StatusPoint point : points) {
            if (!point.at().isAfter(end)) { // else recorded once the session had ended
                timeline.add(samples.next(point));
            }
        }
        Instant until = samples.notBeforeLast(end);
        session.endEnergyWh().ifPresent(register -> timeline.add(samples.ended(until, register)));
        if (samples.ranBackwards()) {
            warnBackwards(session);
        }
        return new SessionTimeline(session.startedAt(), until, timeline);
    }

    static void warnBackwards(ChargingSession session) {
        LOG.warn("Session {}: its recorded time or meter register runs backwards (clock set back or meter"
                + " replaced); priced at the latest time and register seen before each such point", session.id());
    }
}
