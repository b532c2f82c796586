package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.tariff.Pricing;
import org.pilegate.api.tariff.SessionTimeline;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;
import org.pilegate.api.terminal.PaymentConfirmation;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.wallet.internal.JdbcWallet;

/** Pricing with {@link CentPerTenWh}, payments from the real wallet ledger, against H2 and PostgreSQL. */
abstract class SettlementTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final Instant END = T0.plus(Duration.ofMinutes(30));
    private static final long START_WH = 1_234_000;
    private static final AccountId ANNA = BillingFixture.ANNA;
    private static final TerminalId ANNA_PHONE = BillingFixture.PHONE;
    private static final TerminalId STRANGER = new TerminalId("stranger-phone");
    private static final PileId BAY_07 = new PileId("bay-07");

    private final ManualClock clock = new ManualClock(END.plusSeconds(5));
    private final RecordingPricing tariff = new RecordingPricing(new CentPerTenWh());
    private final AtomicReference<Optional<Pricing>> pricing = new AtomicReference<>(Optional.of(tariff));
    private final AtomicReference<Optional<Wallet>> walletService = new AtomicReference<>();
    private BillingFixture billing;
    private JdbcSessions sessions;
    private JdbcFees fees;
    private JdbcWallet wallet;
    private Settlement settlement;

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void start() throws Exception {
        DataSource database = freshDatabase();
        billing = new BillingFixture(database, T0);
        sessions = billing.sessions;
        wallet = billing.wallet;
        fees = new JdbcFees(database);
        walletService.set(Optional.of(wallet));
        settlement = new Settlement(sessions, fees, billing.registry, pricing::get, walletService::get, clock);
    }

    @Test
    void aFinishedSessionIsPricedFromItsRecordedTimeline() {
        SessionRecord ended = finishedWithTimeline();

        FeeNotice fee = settlement.feeOf(ended).orElseThrow();

        assertEquals(Money.of(235, "EUR"), fee.total(), "1 cent per 10 Wh of the 2,350 Wh between the registers");
        assertEquals(clock.instant(), fee.issuedAt());
        SessionTimeline priced = tariff.timelines.get(0);
        assertEquals(T0, priced.start());
        assertEquals(END, priced.end());
        assertEquals(List.of(
                // no reading says the power at the start
                new MeterSample(T0, START_WH, OptionalLong.empty(), OptionalInt.empty(), false),
                new MeterSample(T0.plusSeconds(60), START_WH + 180, 11_000, OptionalInt.empty(), true),
                // a meter reads a little below zero when the vehicle pauses; the vehicle drew nothing then
                new MeterSample(T0.plusSeconds(600), START_WH + 1_500, 0, OptionalInt.empty(), false),
                new MeterSample(T0.plusSeconds(1_200), START_WH + 2_340, 7_000, OptionalInt.empty(), true),
                new MeterSample(END, START_WH + 2_350, 0, OptionalInt.empty(), false)),
                priced.samples(), "the point recorded after the end is not the session's");
    }

    @Test
    void aClockSetBackDuringTheSessionStillBillsEveryWattHourBetweenTheRegisters() {
        SessionRecord charging = chargingSession();
        sessions.appendAll(List.of(
                new TickBatch.Entry(charging.id(), new StatusPoint(1, T0.plusSeconds(600), SessionState.CHARGING,
                        11_000, START_WH + 1_500)),
                // the wall clock went back five minutes
                new TickBatch.Entry(charging.id(), new StatusPoint(2, T0.plusSeconds(300), SessionState.CHARGING,
                        11_000, START_WH + 2_000))));
        SessionRecord ended = charging.ended(SessionState.FINISHED, T0.plusSeconds(900), START_WH + 2_350,
                "stopped by terminal anna-phone");
        sessions.update(ended);

        FeeNotice fee = settlement.feeOf(ended).orElseThrow();

        assertEquals(Money.of(235, "EUR"), fee.total());
        List<MeterSample> samples = tariff.timelines.get(0).samples();
        for (int i = 1; i < samples.size(); i++) {
            assertFalse(samples.get(i).at().isBefore(samples.get(i - 1).at()), "samples in time order: " + samples);
        }
    }

    @Test
    void aMeterReadingLowerThanBeforeStillIssuesTheFeeUpToTheHighestRegisterSeen() {
        SessionRecord charging = chargingSession();
        sessions.appendAll(List.of(
                new TickBatch.Entry(charging.id(), new StatusPoint(1, T0.plusSeconds(600), SessionState.CHARGING,
                        11_000, START_WH + 1_500)),
                // a replaced meter starts again from a lower register
                new TickBatch.Entry(charging.id(), new StatusPoint(2, T0.plusSeconds(900), SessionState.CHARGING,
                        11_000, 200))));
        SessionRecord ended = charging.ended(SessionState.FINISHED, END, 300, "stopped by terminal anna-phone");
        sessions.update(ended);

        assertEquals(Money.of(150, "EUR"), settlement.feeOf(ended).orElseThrow().total());
    }

    @Test
    void theFeeIsIssuedOnceAndTheSameNoticeComesBackEvenUnderANewTariff() {
        SessionRecord ended = finishedWithTimeline();
        FeeNotice first = settlement.feeOf(ended).orElseThrow();

        pricing.set(Optional.of(new DoublePrice()));
        clock.advance(Duration.ofHours(1));
        FeeNotice again = settlement.feeOf(ended).orElseThrow();

        assertEquals(first, again);
        assertEquals(Optional.of(first), fees.find(ended.id()));
        assertEquals(1, tariff.timelines.size(), "priced once");
    }

    @Test
    void withoutATariffNothingIsChargedAndNothingIsDue() {
        SessionRecord ended = finishedWithTimeline();
        pricing.set(Optional.empty());

        assertEquals(Optional.empty(), settlement.feeOf(ended));
        pricing.set(Optional.of(new NoTariffAnywhere()));
        assertEquals(Optional.empty(), settlement.feeOf(ended));

        assertEquals(Optional.empty(), fees.find(ended.id()));
        assertRefused(ErrorCode.NOTHING_DUE, () -> settlement.pay(ended, ANNA_PHONE,
                new PaymentConfirmation(ended.id(), "any-fee")));
        assertEquals(Money.of(10_000, "EUR"), billing.balance());
    }

    @Test
    void aConfirmedFeeIsDebitedExactlyOnceAndTheSessionIsPaid() {
        SessionRecord ended = finishedWithTimeline();
        FeeNotice fee = settlement.feeOf(ended).orElseThrow();
        PaymentConfirmation confirmation = new PaymentConfirmation(ended.id(), fee.feeId());

        SessionRecord paid = settlement.pay(ended, ANNA_PHONE, confirmation);
        // the same confirmation once more, as a terminal that missed the answer sends it
        settlement.pay(ended, ANNA_PHONE, confirmation);

        assertEquals(SessionState.PAID, paid.state());
        assertEquals(Optional.of(paid), sessions.find(ended.id()));
        assertEquals(Money.of(10_000 - 235, "EUR"), billing.balance());
        assertEquals(1, wallet.history(ANNA, 10).stream()
                .filter(movement -> movement.kind() == LedgerTransaction.Kind.SESSION_FEE).count());
    }

    @Test
    void aConfirmationOfAnotherFeeIsRefusedAsStale() {
        SessionRecord ended = finishedWithTimeline();
        settlement.feeOf(ended).orElseThrow();

        assertRefused(ErrorCode.STALE_FEE, () -> settlement.pay(ended, ANNA_PHONE,
                new PaymentConfirmation(ended.id(), "fee-of-yesterday")));

        assertNothingPaid(ended);
    }

    @Test
    void aTerminalOfNoAccountHasNoWalletToPayFrom() {
        SessionRecord ended = finishedWithTimeline();
        FeeNotice fee = settlement.feeOf(ended).orElseThrow();

        assertRefused(ErrorCode.NO_ACCOUNT, () -> settlement.pay(ended, STRANGER,
                new PaymentConfirmation(ended.id(), fee.feeId())));

        assertNothingPaid(ended);
    }

    @Test
    void whileTheWalletIsNotRunningThePaymentIsToBeConfirmedAgain() {
        SessionRecord ended = finishedWithTimeline();
        FeeNotice fee = settlement.feeOf(ended).orElseThrow();
        walletService.set(Optional.empty());

        assertRefused(ErrorCode.SERVICE_UNAVAILABLE, () -> settlement.pay(ended, ANNA_PHONE,
                new PaymentConfirmation(ended.id(), fee.feeId())));

        assertNothingPaid(ended);
    }

    @Test
    void aFeeTheBalanceDoesNotCoverIsRefusedWithTheWalletsReason() throws Exception {
        wallet.refund(ANNA, Money.of(9_800, "EUR"), "most-of-it-back");
        SessionRecord ended = finishedWithTimeline();
        FeeNotice fee = settlement.feeOf(ended).orElseThrow();

        assertRefused(ErrorCode.INSUFFICIENT_BALANCE, () -> settlement.pay(ended, ANNA_PHONE,
                new PaymentConfirmation(ended.id(), fee.feeId())));

        assertEquals(Money.of(200, "EUR"), billing.balance());
        assertEquals(SessionState.FINISHED, sessions.find(ended.id()).orElseThrow().state());
    }

    @Test
    void aPaymentTheWalletBookedBeforeTheSessionRecordedItIsFoundAgain() throws Exception {
        SessionRecord ended = finishedWithTimeline();
        FeeNotice fee = settlement.feeOf(ended).orElseThrow();
        assertEquals(Optional.empty(), settlement.paidMeanwhile(ended), "nothing booked yet");
        // the gateway stopped between the wallet's booking and the session's update
        wallet.paySessionFee(ended.id(), fee.feeId(), ANNA, fee.total());

        walletService.set(Optional.empty());
        assertEquals(Optional.empty(), settlement.paidMeanwhile(ended), "without the wallet nobody knows");
        walletService.set(Optional.of(wallet));
        SessionRecord paid = settlement.paidMeanwhile(ended).orElseThrow();

        assertEquals(SessionState.PAID, paid.state());
        assertEquals(Optional.of(paid), sessions.find(ended.id()));
        assertEquals(Optional.empty(), settlement.paidMeanwhile(paid), "a paid session is done with");
        assertEquals(Money.of(10_000 - 235, "EUR"), billing.balance());
    }

    @Test
    void whatATerminalCanSpendIsItsAccountsBalanceInTheTariffsCurrency() {
        assertEquals(Optional.of(Money.of(10_000, "EUR")), settlement.spendable(ANNA_PHONE, BAY_07));
        assertEquals(Optional.empty(), settlement.spendable(STRANGER, BAY_07), "no account, no wallet");

        pricing.set(Optional.empty());
        assertEquals(Optional.empty(), settlement.spendable(ANNA_PHONE, BAY_07), "no tariff, no currency");
        pricing.set(Optional.of(tariff));
        walletService.set(Optional.empty());
        assertEquals(Optional.empty(), settlement.spendable(ANNA_PHONE, BAY_07));
    }

    @Test
    void theFeeSoFarOfARunningSessionCountsUpToThePilesFiguresNow() {
        SessionRecord running = chargingSession();
        List<StatusPoint> recorded = new ArrayList<>(List.of(new StatusPoint(1, T0.plusSeconds(60),
                SessionState.CHARGING, 11_000, START_WH + 180)));
        StatusPoint now = new StatusPoint(2, T0.plusSeconds(300), SessionState.CHARGING, 11_000, START_WH + 1_009);

        assertEquals(Optional.of(Money.of(100, "EUR")), settlement.estimate(running, recorded, now));
        assertEquals(T0.plusSeconds(300), tariff.timelines.get(0).end());
        assertEquals(1, recorded.size(), "the recorded points are the caller's");

        pricing.set(Optional.empty());
        assertEquals(Optional.empty(), settlement.estimate(running, recorded, now));
    }

    @Test
    void thePromptNamesTheTariffWhenThereIsOne() {
        assertEquals(Optional.of("1.00 EUR/kWh"), settlement.tariffSummary(BAY_07));
        pricing.set(Optional.empty());
        assertEquals(Optional.empty(), settlement.tariffSummary(BAY_07));
    }

    /**
     * Anna's session on bay-07: charging, paused with the meter a little below zero, charging again, ended after 30
     * minutes at 2,350 Wh; the status of its end recorded a moment later.
     */
    private SessionRecord finishedWithTimeline() {
        SessionRecord charging = chargingSession();
        sessions.appendAll(List.of(
                new TickBatch.Entry(charging.id(), new StatusPoint(1, T0.plusSeconds(60), SessionState.CHARGING,
                        11_000, START_WH + 180)),
                new TickBatch.Entry(charging.id(), new StatusPoint(2, T0.plusSeconds(600), SessionState.SUSPENDED,
                        -15, START_WH + 1_500)),
                new TickBatch.Entry(charging.id(), new StatusPoint(3, T0.plusSeconds(1_200), SessionState.CHARGING,
                        7_000, START_WH + 2_340)),
                new TickBatch.Entry(charging.id(), new StatusPoint(4, END.plusSeconds(5), SessionState.FINISHED, 0,
                        START_WH + 2_350))));
        SessionRecord ended = charging.ended(SessionState.FINISHED, END, START_WH + 2_350,
                "stopped by terminal anna-phone");
        sessions.update(ended);
        return ended;
    }

    private SessionRecord chargingSession() {
        SessionId id = new SessionId("s-1");
        ChargingSession pending = new ChargingSession(id, BAY_07, Optional.empty(), SessionState.PENDING, T0,
                START_WH, Optional.empty(), Optional.empty(), Optional.empty());
        SessionRecord charging = new SessionRecord(pending, Optional.of(ANNA), T0, Optional.of(ANNA_PHONE),
                Optional.empty()).authorised(new ChargingInfo(id, BAY_07, Optional.empty(), 32, Optional.empty(),
                        Optional.empty(), Optional.empty())).moved(SessionState.CHARGING);
        sessions.insert(charging);
        return charging;
    }

    private void assertNothingPaid(SessionRecord ended) {
        assertEquals(Money.of(10_000, "EUR"), billing.balance());
        assertEquals(Optional.empty(), wallet.paymentOf(ended.id()));
        assertEquals(SessionState.FINISHED, sessions.find(ended.id()).orElseThrow().state());
    }

    private static void assertRefused(ErrorCode code, Runnable payment) {
        DialogueRefusal refusal = assertThrows(DialogueRefusal.class, payment::run);
        assertEquals(code, refusal.code(), refusal::getMessage);
    }

    /** A dearer tariff than the one a notice was issued under. */
    private static final class DoublePrice implements Pricing {

        private final Pricing base = new CentPerTenWh();

        @Override
        public Optional<Currency> currency(PileId pile) {
            return base.currency(pile);
        }

        @Override
        public Optional<String> summary(PileId pile) {
            return Optional.of("2.00 EUR/kWh");
        }

        @Override
        public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
            return base.price(pile, timeline).map(priced -> new PricedSession(priced.total().times(2),
                    priced.lines().stream().map(line -> new FeeLine(line.component(),
                            line.quantity(), line.unit(), line.amountExVat().times(2), line.vat().map(vat -> vat.times(2)))).toList(),
                    "double"));
        }
    }

    /** A tariff directory in which the pile has no tariff. */
    private static final class NoTariffAnywhere implements Pricing {

        @Override
        public Optional<Currency> currency(PileId pile) {
            return Optional.empty();
        }

        @Override
        public Optional<String> summary(PileId pile) {
            return Optional.empty();
        }

        @Override
        public Optional<PricedSession> price(PileId pile, SessionTimeline timeline) {
            return Optional.empty();
        }
    }
}
