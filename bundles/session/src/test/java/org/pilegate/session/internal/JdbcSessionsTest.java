package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.money.Money;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionQuery;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;

/** Against real databases, H2 and PostgreSQL, with the store's own schema migrations. */
abstract class JdbcSessionsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00.123Z");
    private static final AccountId ANNA = new AccountId("anna");
    private static final AccountId BORIS = new AccountId("boris");
    private static final TerminalId ANNA_PHONE = new TerminalId("anna-phone");
    private static final TerminalId BORIS_PHONE = new TerminalId("boris-phone");
    private static final VehicleId ANNAS_EV = new VehicleId("DE8AAEVCC1234");
    private static final PileId BAY_07 = new PileId("bay-07");
    private static final PileId BAY_08 = new PileId("bay-08");

    private JdbcSessions sessions;

    /** A new, empty database with the store's schema. */
    abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void connect() throws Exception {
        DataSource database = freshDatabase();
        JdbcVehicleRegistry registry = new JdbcVehicleRegistry(database, Clock.fixed(T0, ZoneOffset.UTC));
        registry.registerAccount(ANNA, "Anna");
        registry.registerAccount(BORIS, "Boris");
        sessions = new JdbcSessions(database);
    }

    @Test
    void everyColumnOfAFinishedSessionComesBackAsStored() {
        SessionId id = new SessionId("s-full");
        ChargingInfo info = new ChargingInfo(id, BAY_07, Optional.of(ANNAS_EV), 16, Optional.of(20_000L),
                Optional.of(Money.of(1_250, "EUR")), Optional.of(T0.plus(Duration.ofHours(3))));
        ChargingSession session = new ChargingSession(id, BAY_07, Optional.of(ANNAS_EV), SessionState.FINISHED, T0,
                1_234_000, Optional.of(T0.plusSeconds(3_600)), Optional.of(1_245_678L), Optional.of(info));
        SessionRecord full = new SessionRecord(session, Optional.of(ANNA), T0.plusMillis(250),
                Optional.of(ANNA_PHONE), Optional.of("stopped by terminal anna-phone"));

        sessions.insert(full);

        assertEquals(Optional.of(full), sessions.find(id));
    }

    @Test
    void aSessionWithoutItsOptionalPartsComesBackWithoutThem() {
        SessionRecord bare = pending("s-bare", BAY_07, T0);
        ChargingInfo currentOnly = new ChargingInfo(new SessionId("s-current-only"), BAY_08, Optional.empty(), 6,
                Optional.empty(), Optional.empty(), Optional.empty());
        SessionRecord authorised = pending("s-current-only", BAY_08, T0).authorised(currentOnly);

        sessions.insert(bare);
        sessions.insert(authorised);

        assertEquals(Optional.of(bare), sessions.find(bare.id()));
        assertEquals(Optional.of(authorised), sessions.find(authorised.id()));
        assertEquals(Optional.empty(), sessions.find(new SessionId("s-never")));
    }

    @Test
    void anUpdateStoresEveryChangeOfTheSessionOverItsLifecycle() {
        SessionRecord session = SessionRecord.opened(BAY_07, Optional.of(ANNAS_EV), Optional.of(ANNA), 1_000, T0);
        sessions.insert(session);

        SessionRecord bound = session.reprompted(T0.plusSeconds(300)).boundTo(ANNA_PHONE);
        // the charging info's vehicle is the session's: the store keeps it once
        SessionRecord charging = bound.authorised(new ChargingInfo(bound.id(), BAY_07, Optional.of(ANNAS_EV), 32,
                Optional.empty(), Optional.empty(), Optional.empty())).moved(SessionState.CHARGING);
        SessionRecord finished = charging.ended(SessionState.FINISHED, T0.plusSeconds(900), 3_500,
                "the vehicle was unplugged");
        for (SessionRecord next : List.of(bound, charging, finished, finished.paid())) {
            sessions.update(next);
            assertEquals(Optional.of(next), sessions.find(session.id()));
        }
    }

    @Test
    void anEndReasonLongerThanItsColumnIsKeptShortenedSoTheSessionStillEnds() {
        SessionRecord charging = charging("s-long", BAY_07, T0);
        sessions.insert(charging);
        String reason = "not resumed: " + "x".repeat(300);

        sessions.update(charging.ended(SessionState.FINISHED, T0.plusSeconds(60), 1_500, reason));

        String kept = sessions.find(charging.id()).orElseThrow().endReason().orElseThrow();
        assertEquals(200, kept.length());
        assertEquals(reason.substring(0, 199) + "\u2026", kept);
        assertEquals(SessionState.FINISHED, sessions.find(charging.id()).orElseThrow().state());
    }

    @Test
    void aSessionIsInsertedOnceAndOnlyAStoredOneCanBeUpdated() {
        SessionRecord session = pending("s-1", BAY_07, T0);
        sessions.insert(session);

        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> sessions.insert(session));
        assertEquals("cannot store session s-1", twice.getMessage());
        assertInstanceOf(SQLException.class, twice.getCause());
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> sessions.update(pending("s-2", BAY_07, T0)));
        assertEquals("session s-2 is not stored", unknown.getMessage());
    }

    @Test
    void theOpenSessionsAreThoseWaitingOrDeliveringOldestFirst() {
        SessionRecord charging = charging("s-charging", BAY_08, T0.plusSeconds(20));
        SessionRecord pending = pending("s-pending", BAY_07, T0.plusSeconds(30));
        SessionRecord suspended = charging("s-suspended", BAY_07, T0).moved(SessionState.SUSPENDED);
        insertAll(charging, pending, suspended, finished("s-finished", BAY_07, T0.plusSeconds(5)),
                finished("s-paid", BAY_07, T0.plusSeconds(6)).paid(),
                pending("s-failed", BAY_07, T0.plusSeconds(7)).ended(SessionState.FAILED, T0.plusSeconds(8), 1_000,
                        "the pile faulted"));

        assertEquals(ids(suspended, charging, pending), ids(sessions.open()));
    }

    @Test
    void aTerminalFindsItsOwnOpenSessionsAndItsOwnUnpaidOnes() {
        SessionRecord annasOpen = charging("s-annas-open", BAY_07, T0.plusSeconds(50)).boundTo(ANNA_PHONE);
        SessionRecord annasUnpaidLater = finished("s-annas-unpaid-2", BAY_08, T0.plusSeconds(40)).boundTo(ANNA_PHONE);
        SessionRecord annasUnpaid = finished("s-annas-unpaid-1", BAY_07, T0.plusSeconds(10)).boundTo(ANNA_PHONE);
        insertAll(annasOpen, annasUnpaidLater, annasUnpaid,
                finished("s-annas-paid", BAY_07, T0).boundTo(ANNA_PHONE).paid(),
                charging("s-boris-open", BAY_08, T0.plusSeconds(60)).boundTo(BORIS_PHONE),
                finished("s-boris-unpaid", BAY_08, T0.plusSeconds(20)).boundTo(BORIS_PHONE),
                pending("s-unbound", BAY_07, T0.plusSeconds(70)));

        assertEquals(ids(annasOpen), ids(sessions.openBoundTo(ANNA_PHONE)));
        assertEquals(ids(annasUnpaid, annasUnpaidLater), ids(sessions.unpaidBoundTo(ANNA_PHONE)));
        assertEquals(List.of(), sessions.openBoundTo(new TerminalId("stranger-phone")));
    }

    @Test
    void unpaidSessionsComeEarliestEndedFirstAndNoMoreThanTheLimit() {
        // started in the other order than they ended
        SessionRecord endedFirst = finished("s-a", BAY_07, T0.plusSeconds(30), T0.plusSeconds(100));
        SessionRecord endedSecond = finished("s-b", BAY_08, T0.plusSeconds(20), T0.plusSeconds(200));
        SessionRecord endedThird = finished("s-c", BAY_07, T0.plusSeconds(10), T0.plusSeconds(300));
        insertAll(endedThird, endedFirst, endedSecond, finished("s-paid", BAY_07, T0, T0.plusSeconds(50)).paid(),
                charging("s-open", BAY_08, T0));

        assertEquals(ids(endedFirst, endedSecond, endedThird), ids(sessions.unpaid(10)));
        assertEquals(ids(endedFirst, endedSecond), ids(sessions.unpaid(2)));
    }

    @Test
    void thePilesLatestSessionIsTheOneThatStartedLastWhateverItsState() {
        SessionRecord latest = finished("s-latest", BAY_07, T0.plusSeconds(60)).paid();
        insertAll(charging("s-earlier", BAY_07, T0), latest, pending("s-other-pile", BAY_08, T0.plusSeconds(90)));

        assertEquals(Optional.of(latest), sessions.latestOn(BAY_07));
        assertEquals(Optional.empty(), sessions.latestOn(new PileId("bay-99")));
    }

    @Test
    void theOperatorsQueryFiltersByStateAccountAndPileNewestFirst() {
        SessionRecord annaOn07 = pending("s-1", BAY_07, T0, Optional.of(ANNA));
        SessionRecord borisOn08 = charging("s-2", BAY_08, T0.plusSeconds(10), Optional.of(BORIS));
        SessionRecord annaOn08 = finished("s-3", BAY_08, T0.plusSeconds(20), Optional.of(ANNA));
        SessionRecord nobodyOn07 = charging("s-4", BAY_07, T0.plusSeconds(30), Optional.empty());
        insertAll(annaOn07, borisOn08, annaOn08, nobodyOn07);

        assertEquals(ids(nobodyOn07, annaOn08, borisOn08, annaOn07), ids(sessions.matching(SessionQuery.newest(10))));
        assertEquals(ids(nobodyOn07, borisOn08), ids(sessions.matching(query(Set.of(SessionState.CHARGING),
                Optional.empty(), Optional.empty()))));
        assertEquals(ids(annaOn08, annaOn07), ids(sessions.matching(query(Set.of(), Optional.of(ANNA),
                Optional.empty()))));
        assertEquals(ids(nobodyOn07, annaOn07), ids(sessions.matching(query(Set.of(), Optional.empty(),
                Optional.of(BAY_07)))));
        assertEquals(ids(annaOn08), ids(sessions.matching(query(Set.of(SessionState.FINISHED, SessionState.PENDING),
                Optional.of(ANNA), Optional.of(BAY_08)))));
        assertEquals(List.of(), sessions.matching(query(Set.of(SessionState.PAID), Optional.empty(),
                Optional.empty())));
    }

    @Test
    void theQueryLimitCountsAfterTheFiltersAndTiesGoByIdNewestFirst() {
        insertAll(pending("s-a", BAY_07, T0), pending("s-b", BAY_07, T0), pending("s-c", BAY_08, T0),
                pending("s-d", BAY_07, T0));

        assertEquals(List.of("s-d", "s-b"), ids(sessions.matching(new SessionQuery(Set.of(), Optional.empty(),
                Optional.of(BAY_07), 2))));
        assertEquals(List.of("s-d", "s-c", "s-b", "s-a"), ids(sessions.matching(SessionQuery.newest(4))));
    }

    @Test
    void statusPointsComeBackInOrderAfterTheGivenOneAndUpToTheLimit() {
        SessionRecord session = charging("s-1", BAY_07, T0);
        SessionRecord other = charging("s-2", BAY_08, T0);
        insertAll(session, other);
        List<StatusPoint> points = List.of(point(1, 1_000), point(2, 1_010), point(3, 1_025), point(4, 1_040));
        for (StatusPoint point : points) {
            sessions.append(session.id(), point);
        }
        sessions.append(other.id(), point(1, 5_000));

        assertEquals(points, sessions.statusAfter(session.id(), 0, Integer.MAX_VALUE));
        assertEquals(points.subList(2, 4), sessions.statusAfter(session.id(), 2, 10));
        assertEquals(points.subList(1, 3), sessions.statusAfter(session.id(), 1, 2));
        assertEquals(List.of(), sessions.statusAfter(session.id(), 4, 10));
    }

    @Test
    void theLatestStatusIsTheOneWithTheHighestNumberWhateverTheOrderItWasWritten() {
        SessionRecord session = charging("s-1", BAY_07, T0);
        insertAll(session, charging("s-quiet", BAY_08, T0));
        sessions.append(session.id(), point(1, 1_000));
        sessions.append(session.id(), point(3, 1_030));
        sessions.append(session.id(), point(2, 1_020));

        assertEquals(Optional.of(point(3, 1_030)), sessions.latestStatus(session.id()));
        assertEquals(Optional.empty(), sessions.latestStatus(new SessionId("s-quiet")));
    }

    @Test
    void aBatchOfPointsOfSeveralSessionsIsStoredWhole() {
        SessionRecord first = charging("s-1", BAY_07, T0);
        SessionRecord second = charging("s-2", BAY_08, T0);
        insertAll(first, second);

        sessions.appendAll(List.of(new TickBatch.Entry(first.id(), point(1, 1_000)),
                new TickBatch.Entry(second.id(), point(1, 2_000)), new TickBatch.Entry(first.id(), point(2, 1_010))));
        sessions.appendAll(List.of());

        assertEquals(List.of(point(1, 1_000), point(2, 1_010)), sessions.statusAfter(first.id(), 0, 10));
        assertEquals(List.of(point(1, 2_000)), sessions.statusAfter(second.id(), 0, 10));
    }

    @Test
    void aPointRecordedBeforeIsKeptAndTheRestOfTheBatchStored() {
        SessionRecord first = charging("s-1", BAY_07, T0);
        SessionRecord second = charging("s-2", BAY_08, T0);
        insertAll(first, second);
        // a commit whose answer was lost with the connection: the point is there, and comes again with the next batch
        sessions.append(first.id(), point(1, 1_000));

        sessions.appendAll(List.of(new TickBatch.Entry(first.id(), point(2, 1_010)),
                new TickBatch.Entry(second.id(), point(1, 2_000)), new TickBatch.Entry(first.id(), point(1, 1_005))));

        assertEquals(List.of(point(1, 1_000), point(2, 1_010)), sessions.statusAfter(first.id(), 0, 10));
        assertEquals(List.of(point(1, 2_000)), sessions.statusAfter(second.id(), 0, 10));
    }

    @Test
    void aBatchThatRepeatsAPointStoresItOnce() {
        SessionRecord session = charging("s-1", BAY_07, T0);
        insertAll(session);

        sessions.appendAll(List.of(new TickBatch.Entry(session.id(), point(1, 1_000)),
                new TickBatch.Entry(session.id(), point(1, 1_000))));

        assertEquals(List.of(point(1, 1_000)), sessions.statusAfter(session.id(), 0, 10));
    }

    @Test
    void aChangeOfStateIsStoredWithItsPoints() {
        SessionRecord pending = pending("s-1", BAY_07, T0);
        sessions.insert(pending);
        SessionRecord charging = pending.authorised(info(pending.id(), BAY_07)).moved(SessionState.CHARGING);

        sessions.update(charging, List.of(point(1, 1_000), point(2, 1_010)));
        sessions.update(charging, List.of());

        assertEquals(Optional.of(charging), sessions.find(pending.id()));
        assertEquals(List.of(point(1, 1_000), point(2, 1_010)), sessions.statusAfter(pending.id(), 0, 10));
    }

    @Test
    void aPointOfASessionThatIsNotStoredIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> sessions.append(new SessionId("s-unknown"), point(7, 1_000)));

        assertEquals("cannot record status 7 of session s-unknown", refused.getMessage());
        assertEquals(List.of(), sessions.statusAfter(new SessionId("s-unknown"), 0, 10));
    }

    private void insertAll(SessionRecord... records) {
        for (SessionRecord record : records) {
            sessions.insert(record);
        }
    }

    private static StatusPoint point(long seq, long registerWh) {
        return new StatusPoint(seq, T0.plusSeconds(seq), SessionState.CHARGING, 7_000, registerWh);
    }

    private static SessionQuery query(Set<SessionState> states, Optional<AccountId> account, Optional<PileId> pile) {
        return new SessionQuery(states, account, pile, 10);
    }

    private static ChargingInfo info(SessionId id, PileId pile) {
        return new ChargingInfo(id, pile, Optional.empty(), 32, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static SessionRecord pending(String id, PileId pile, Instant startedAt) {
        return pending(id, pile, startedAt, Optional.empty());
    }

    private static SessionRecord pending(String id, PileId pile, Instant startedAt, Optional<AccountId> account) {
        ChargingSession session = new ChargingSession(new SessionId(id), pile, Optional.empty(), SessionState.PENDING,
                startedAt, 1_000, Optional.empty(), Optional.empty(), Optional.empty());
        return new SessionRecord(session, account, startedAt, Optional.empty(), Optional.empty());
    }

    private static SessionRecord charging(String id, PileId pile, Instant startedAt) {
        return charging(id, pile, startedAt, Optional.empty());
    }

    private static SessionRecord charging(String id, PileId pile, Instant startedAt, Optional<AccountId> account) {
        SessionRecord pending = pending(id, pile, startedAt, account);
        return pending.authorised(info(pending.id(), pile)).moved(SessionState.CHARGING);
    }

    private static SessionRecord finished(String id, PileId pile, Instant startedAt) {
        return finished(id, pile, startedAt, Optional.empty());
    }

    private static SessionRecord finished(String id, PileId pile, Instant startedAt, Optional<AccountId> account) {
        return charging(id, pile, startedAt, account).ended(SessionState.FINISHED, startedAt.plusSeconds(600), 2_000,
                "stopped");
    }

    private static SessionRecord finished(String id, PileId pile, Instant startedAt, Instant endedAt) {
        return charging(id, pile, startedAt).ended(SessionState.FINISHED, endedAt, 2_000, "stopped");
    }

    private static List<String> ids(SessionRecord... records) {
        return ids(List.of(records));
    }

    private static List<String> ids(List<SessionRecord> records) {
        return records.stream().map(record -> record.id().value()).toList();
    }
}
