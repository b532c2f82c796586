package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.tariff.PricedSession;
import org.pilegate.api.terminal.FeeLine;
import org.pilegate.api.terminal.FeeNotice;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcFeesTest {

    private static final Instant ISSUED = Instant.parse("2026-11-26T09:30:00.456Z");
    private static final SessionId SESSION = new SessionId("s-1");

    private DataSource database;
    private JdbcFees fees;

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void connect() throws Exception {
        database = freshDatabase();
        JdbcSessions sessions = new JdbcSessions(database);
        sessions.insert(finished(SESSION));
        fees = new JdbcFees(database);
    }

    @Test
    void anIssuedNoticeComesBackWithItsLinesInOrder() {
        FeeNotice notice = notice(SESSION, "fee-1", line(FeeLine.Component.FLAT, 1, "session", 100, 19),
                line(FeeLine.Component.ENERGY, 12_345, "Wh", 432, 82), line(FeeLine.Component.TIME, 95, "min", 0, 0),
                line(FeeLine.Component.PARKING_TIME, 30, "min", 300, 57));

        assertEquals(notice, fees.issue(finished(notice.session()), notice, priced(notice, "standard-2026")));

        assertEquals(Optional.of(notice), fees.find(SESSION));
        assertEquals("standard-2026", tariffOf(SESSION), "the tariff that priced it is kept with it");
    }

    @Test
    void aSessionIsBilledOnceAndALaterNoticeGetsTheOneThatStands() {
        FeeNotice first = notice(SESSION, "fee-1", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0));
        fees.issue(finished(first.session()), first, priced(first, "standard-2026"));

        FeeNotice repriced = notice(SESSION, "fee-2", line(FeeLine.Component.ENERGY, 1_000, "Wh", 250, 0),
                line(FeeLine.Component.FLAT, 1, "session", 50, 0));
        assertEquals(first, fees.issue(finished(repriced.session()), repriced, priced(repriced, "expensive-2027")));

        assertEquals(Optional.of(first), fees.find(SESSION));
        assertEquals("standard-2026", tariffOf(SESSION));
    }

    @Test
    void twoNoticesIssuedAtOnceAgreeOnOne() throws Exception {
        FeeNotice one = notice(SESSION, "fee-1", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0));
        FeeNotice other = notice(SESSION, "fee-2", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0));
        CountDownLatch ready = new CountDownLatch(2);
        ExecutorService billing = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<FeeNotice> first = CompletableFuture.supplyAsync(() -> issueWhenBothReady(ready, one),
                    billing);
            CompletableFuture<FeeNotice> second = CompletableFuture.supplyAsync(() -> issueWhenBothReady(ready,
                    other), billing);

            FeeNotice standing = await(first);

            assertEquals(standing, await(second), "both are told the notice that stands");
            assertEquals(Optional.of(standing), fees.find(SESSION));
            assertTrue(standing.equals(one) || standing.equals(other), standing::toString);
        } finally {
            billing.shutdownNow();
        }
    }

    @Test
    void aNoticeWithoutLinesIsKeptToo() {
        FeeNotice free = new FeeNotice(SESSION, "fee-free", Money.of(0, "EUR"), List.of(), ISSUED);

        fees.issue(finished(free.session()), free, priced(free, "free-charging"));

        assertEquals(Optional.of(free), fees.find(SESSION));
    }

    @Test
    void aNoticeIsStoredWholeOrNotAtAll() {
        // a unit longer than the column takes: the line cannot be stored
        FeeNotice unstorable = notice(SESSION, "fee-1", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0),
                line(FeeLine.Component.TIME, 60, "minutes-of-charging-time", 60, 0));

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> fees.issue(finished(unstorable.session()), unstorable, priced(unstorable, "standard-2026")));

        assertEquals("cannot store the fee of session s-1", refused.getMessage());
        assertEquals(Optional.empty(), fees.find(SESSION));
        FeeNotice storable = notice(SESSION, "fee-2", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0));
        assertEquals(storable, fees.issue(finished(storable.session()), storable, priced(storable, "standard-2026")),
                "the failed notice left nothing standing");
    }

    @Test
    void aSessionThatIsNotStoredCannotBeBilled() {
        SessionId unknown = new SessionId("s-unknown");

        FeeNotice notice = notice(unknown, "fee-1", line(FeeLine.Component.ENERGY, 1_000, "Wh", 100, 0));

        assertThrows(IllegalStateException.class, () -> fees.issue(finished(unknown), notice, priced(notice,
                "standard-2026")));

        assertEquals(Optional.empty(), fees.find(unknown));
    }

    @Test
    void aSessionWithoutNoticeHasNone() {
        assertEquals(Optional.empty(), fees.find(SESSION));
    }

    private FeeNotice issueWhenBothReady(CountDownLatch ready, FeeNotice notice) {
        ready.countDown();
        try {
            ready.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fees.issue(finished(notice.session()), notice, priced(notice, "standard-2026"));
    }

    private static FeeNotice await(CompletableFuture<FeeNotice> issued) throws Exception {
        return issued.get(20, TimeUnit.SECONDS);
    }

    private String tariffOf(SessionId session) {
        try (Connection connection = database.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT tariff_id FROM session_fee"
                        + " WHERE session_id = ?")) {
            select.setString(1, session.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aLineWhoseVatIsUnknownComesBackUnknownNotZero() {
        FeeLine parking = new FeeLine(FeeLine.Component.PARKING_TIME, 1800, "s", Money.of(300, "EUR"),
                Optional.empty());
        FeeNotice notice = notice(SESSION, "fee-1", line(FeeLine.Component.FLAT, 1, "session", 100, 0), parking);

        fees.issue(finished(notice.session()), notice, priced(notice, "no-vat-on-parking"));

        FeeNotice found = fees.find(SESSION).orElseThrow();
        assertEquals(notice, found);
        assertEquals(Optional.empty(), found.lines().get(1).vat());
        assertEquals(Optional.of(Money.of(0, "EUR")), found.lines().get(0).vat());
    }

    private static FeeNotice notice(SessionId session, String feeId, FeeLine... lines) {
        Money total = Money.of(0, "EUR");
        for (FeeLine line : lines) {
            total = total.plus(line.total());
        }
        return new FeeNotice(session, feeId, total, List.of(lines), ISSUED);
    }

    /** The price the notice was issued from, by a tariff without an OCPI form. */
    private static PricedSession priced(FeeNotice notice, String tariffId) {
        return new PricedSession(notice.total(), notice.lines(), tariffId);
    }

    private static FeeLine line(FeeLine.Component component, long quantity, String unit, long exVatCents,
            long vatCents) {
        return new FeeLine(component, quantity, unit, Money.of(exVatCents, "EUR"),
                Optional.of(Money.of(vatCents, "EUR")));
    }

    private static SessionRecord finished(SessionId id) {
        Instant start = ISSUED.minusSeconds(3_600);
        ChargingSession session = new ChargingSession(id, new PileId("bay-07"), Optional.empty(),
                SessionState.FINISHED, start, 1_000, Optional.of(ISSUED), Optional.of(2_000L), Optional.empty());
        return new SessionRecord(session, Optional.empty(), start, Optional.empty(), Optional.of("stopped"));
    }
}
