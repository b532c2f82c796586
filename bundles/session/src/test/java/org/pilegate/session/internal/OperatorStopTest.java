package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;

class OperatorStopTest {

    private static final PileId BAY_07 = new PileId("bay-07");
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    /** Threads the test runs by hand, so that it sees what happens on the pile's lane and when. */
    private final Queue<Runnable> manual = new ConcurrentLinkedQueue<>();
    private final PileLanes lanes = new PileLanes(manual::add, manual::add, Duration.ofMinutes(1));
    private final Map<SessionId, SessionRecord> stored = new HashMap<>();
    /** The stops the pile's lane was given: lane, session and why. */
    private final List<String> onLane = new ArrayList<>();
    private final List<CompletableFuture<SessionOverview>> waiting = new ArrayList<>();
    private final OperatorStop stop = new OperatorStop(id -> Optional.ofNullable(stored.get(id)), lanes,
            (lane, id, why, stopped) -> {
                onLane.add(lane.id + " " + id.value() + " " + why);
                waiting.add(stopped);
            }, Duration.ofMinutes(1));

    @Test
    void anOpenSessionIsStoppedOnItsPilesLaneWithTheOperatorsReason() {
        SessionRecord open = store(SessionRecord.opened(BAY_07, Optional.empty(), Optional.empty(), 0, T0));

        CompletableFuture<SessionOverview> stopping = stop.stop(open.id(), "  maintenance ").toCompletableFuture();
        assertEquals(List.of(), onLane, "nothing happens but on the lane");
        runManualThreads();

        assertEquals(List.of("bay-07 " + open.id().value() + " stopped by the operator: maintenance"), onLane);
        assertFalse(stopping.isDone(), "answered once the session has ended");
        assertSame(stopping, waiting.get(0));
    }

    @Test
    void aStopWithoutAReasonSaysTheOperatorStoppedIt() {
        SessionRecord open = store(SessionRecord.opened(BAY_07, Optional.empty(), Optional.empty(), 0, T0));

        stop.stop(open.id(), " ");
        stop.stop(open.id(), null);
        runManualThreads();

        String stopped = "bay-07 " + open.id().value() + " stopped by the operator";
        assertEquals(List.of(stopped, stopped), onLane);
    }

    @Test
    void anUnknownOrEndedSessionIsRefusedAtOnce() {
        IllegalArgumentException unknown = assertInstanceOf(IllegalArgumentException.class,
                failure(stop.stop(new SessionId("no-such-session"), "")));
        assertEquals("there is no session no-such-session", unknown.getMessage());

        SessionRecord ended = store(SessionRecord.opened(BAY_07, Optional.empty(), Optional.empty(), 0, T0)
                .ended(SessionState.FINISHED, T0.plusSeconds(60), 10, "stopped by the terminal"));
        IllegalStateException over = assertInstanceOf(IllegalStateException.class,
                failure(stop.stop(ended.id(), "")));
        assertTrue(over.getMessage().endsWith("has ended already: FINISHED"), over.getMessage());
        assertTrue(manual.isEmpty(), "no lane was asked");
    }

    private SessionRecord store(SessionRecord record) {
        stored.put(record.id(), record);
        return record;
    }

    private static Throwable failure(CompletionStage<SessionOverview> stage) {
        return assertThrows(CompletionException.class, () -> stage.toCompletableFuture().join()).getCause();
    }

    private void runManualThreads() {
        Runnable task;
        while ((task = manual.poll()) != null) {
            task.run();
        }
    }
}
