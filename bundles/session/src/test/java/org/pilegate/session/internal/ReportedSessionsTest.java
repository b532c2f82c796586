package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ReportedSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.MeterSample;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.wallet.LedgerTransaction;

/** Sessions reported after the fact, priced with {@link CentPerTenWh} and paid from the real ledger, once. */
abstract class ReportedSessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-03T06:00:00Z");
    private static final AccountId ANNA = BillingFixture.ANNA;
    private static final VehicleId ANNAS_CAR = BillingFixture.CAR;
    private static final PileId PILE = new PileId("CP-1-1");

    private BillingFixture billing;
    private ReportedSessionsComponent reported;

    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void start() throws Exception {
        DataSource database = freshDatabase();
        billing = new BillingFixture(database, T0);
        reported = new ReportedSessionsComponent(database, billing.registry, () -> Optional.of(new CentPerTenWh()),
                () -> Optional.of(billing.wallet), Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC));
    }

    @Test
    void aSessionReportedAfterTheFactIsPricedFromItsRegistersAndPaidFromTheVehiclesAccount() {
        SessionOverview billed = reported.report(offline("ocpp-CP-1-17", Optional.of(ANNAS_CAR)));

        assertEquals(SessionState.PAID, billed.session().state());
        assertEquals(Optional.of(ANNA), billed.account());
        assertEquals(3_000, billed.deliveredWh());
        assertEquals(Optional.of(Money.of(300, "EUR")), billed.fee(), "1 cent per 10 Wh of 3,000 Wh");
        assertEquals(Money.of(9_700, "EUR"), billing.balance());
        assertEquals(List.of(1L, 2L), billing.sessions.statusAfter(billed.session().id(), 0, 10).stream()
                .map(StatusPoint::seq).toList(), "the samples within the session are its recorded points");
    }

    @Test
    void theSameSessionReportedAgainIsBilledOnce() {
        ReportedSession session = offline("ocpp-CP-1-18", Optional.of(ANNAS_CAR));
        reported.report(session);

        SessionOverview again = reported.report(session);

        assertEquals(SessionState.PAID, again.session().state());
        assertEquals(Money.of(9_700, "EUR"), billing.balance(), "debited once");
        assertEquals(1, billing.wallet.history(ANNA, 10).stream()
                .filter(movement -> movement.kind() == LedgerTransaction.Kind.SESSION_FEE).count());
    }

    @Test
    void aVehicleOfNoAccountLeavesTheFeeDue() {
        SessionOverview billed = reported.report(offline("ocpp-CP-1-19", Optional.of(new VehicleId("RFID-STRANGER"))));

        assertEquals(SessionState.FINISHED, billed.session().state());
        assertEquals(Optional.empty(), billed.account());
        assertEquals(Optional.of(Money.of(300, "EUR")), billed.fee(), "the fee is issued, for the operator to see");
        assertEquals(Money.of(10_000, "EUR"), billing.balance());
    }

    @Test
    void aFeeTheBalanceDoesNotCoverStaysDueAndIsPaidOnceWhenReportedAgainWithMoneyIn() {
        ReportedSession large = new ReportedSession(new SessionId("ocpp-CP-1-20"), PILE, Optional.of(ANNAS_CAR), T0,
                1_000_000, T0.plus(Duration.ofHours(1)), 1_150_000, List.of(), "Local");

        assertEquals(SessionState.FINISHED, reported.report(large).session().state(), "150 EUR is not covered");
        billing.wallet.topUp(ANNA, Money.of(10_000, "EUR"), "receipt-1");
        SessionOverview paid = reported.report(large);

        assertEquals(SessionState.PAID, paid.session().state());
        assertEquals(Money.of(5_000, "EUR"), billing.balance());
    }

    private static ReportedSession offline(String id, Optional<VehicleId> vehicle) {
        return new ReportedSession(new SessionId(id), PILE, vehicle, T0, 500_000, T0.plus(Duration.ofMinutes(30)),
                503_000, List.of(
                        new MeterSample(T0.plusSeconds(600), 501_000, 6_000, OptionalInt.empty(), true),
                        new MeterSample(T0.plusSeconds(1200), 502_000, 6_000, OptionalInt.empty(), true),
                        // measured after the stop: not the session's
                        new MeterSample(T0.plusSeconds(3600), 503_000, 0, OptionalInt.empty(), false)),
                "Local");
    }
}
