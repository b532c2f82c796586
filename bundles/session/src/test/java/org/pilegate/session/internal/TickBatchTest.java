package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ChargingInfo;
import org.pilegate.api.session.ChargingSession;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionState;
import org.pilegate.store.internal.StoreDatabases;

/** On H2, counting the transactions the batch commits. */
class TickBatchTest {

    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");
    private static final SessionId FIRST = new SessionId("s-1");
    private static final SessionId SECOND = new SessionId("s-2");

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private JdbcSessions sessions;

    @BeforeEach
    void connect() {
        sessions = new JdbcSessions(counted(StoreDatabases.h2()));
        sessions.insert(charging(FIRST, "bay-07"));
        sessions.insert(charging(SECOND, "bay-08"));
        connections.set(0);
        commits.set(0);
    }

    @Test
    void pointsAddedBeforeTheBatchIsWrittenAreCommittedInOneTransaction() {
        TickBatch batch = new TickBatch(sessions);
        CompletableFuture<Void> first = batch.add(FIRST, List.of(point(1, 1_010))).toCompletableFuture();
        CompletableFuture<Void> second = batch.add(SECOND, List.of(point(1, 2_010))).toCompletableFuture();

        assertFalse(first.isDone() || second.isDone(), "nothing is committed before the batch is written");
        assertEquals(0, connections.get());
        batch.write();

        assertEquals(1, commits.get());
        assertNull(first.join());
        assertNull(second.join());
        assertEquals(List.of(point(1, 1_010)), sessions.statusAfter(FIRST, 0, 10));
        assertEquals(List.of(point(1, 2_010)), sessions.statusAfter(SECOND, 0, 10));
    }

    @Test
    void aPointThatComesAfterTheBatchWasWrittenIsCommittedOnItsOwn() {
        TickBatch batch = new TickBatch(sessions);
        batch.add(FIRST, List.of(point(1, 1_010)));
        batch.write();

        // its pile's lane was busy past the gathering time
        CompletableFuture<Void> late = batch.add(SECOND, List.of(point(1, 2_010))).toCompletableFuture();

        assertTrue(late.isDone(), "committed when add returns");
        assertNull(late.join());
        assertEquals(2, commits.get());
        assertEquals(List.of(point(1, 2_010)), sessions.statusAfter(SECOND, 0, 10));
    }

    @Test
    void aBatchThatCannotBeWrittenFailsTheStageOfEveryPointInIt() {
        TickBatch batch = new TickBatch(sessions);
        CompletableFuture<Void> first = batch.add(FIRST, List.of(point(1, 1_010))).toCompletableFuture();
        // a session the store does not have: the whole transaction fails
        CompletableFuture<Void> unknown = batch.add(new SessionId("s-unknown"), List.of(point(1, 500)))
                .toCompletableFuture();

        batch.write();

        assertInstanceOf(IllegalStateException.class, assertThrows(CompletionException.class, first::join).getCause());
        assertTrue(unknown.isCompletedExceptionally());
        assertEquals(List.of(), sessions.statusAfter(FIRST, 0, 10));
        CompletableFuture<Void> lateAndUnknown = batch.add(new SessionId("s-unknown"), List.of(point(2, 500)))
                .toCompletableFuture();
        assertTrue(lateAndUnknown.isCompletedExceptionally(), "a late point's failure reaches its stage too");
    }

    @Test
    void aTickWithNothingToRecordLeavesTheDatabaseAlone() {
        new TickBatch(sessions).write();

        assertEquals(0, connections.get());
    }

    private static StatusPoint point(long seq, long registerWh) {
        return new StatusPoint(seq, T0.plusSeconds(seq), SessionState.CHARGING, 7_000, registerWh);
    }

    private static SessionRecord charging(SessionId id, String pile) {
        PileId pileId = new PileId(pile);
        ChargingSession session = new ChargingSession(id, pileId, Optional.empty(), SessionState.PENDING, T0, 1_000,
                Optional.empty(), Optional.empty(), Optional.empty());
        return new SessionRecord(session, Optional.empty(), T0, Optional.empty(), Optional.empty())
                .authorised(new ChargingInfo(id, pileId, Optional.empty(), 32, Optional.empty(), Optional.empty(),
                        Optional.empty()))
                .moved(SessionState.CHARGING);
    }

    /** The database, counting the connections taken from it and the transactions committed on them. */
    private DataSource counted(DataSource database) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (self, method, args) -> {
                    Object result = invoke(database, method, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    connections.incrementAndGet();
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (proxy, call, callArgs) -> {
                                if (call.getName().equals("commit")) {
                                    commits.incrementAndGet();
                                }
                                return invoke(connection, call, callArgs);
                            });
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
