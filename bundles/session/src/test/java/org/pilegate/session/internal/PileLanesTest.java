package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;

class PileLanesTest {

    private static final PileId BAY_07 = new PileId("bay-07");

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    /** Threads the test runs by hand, so that it decides when a lane takes its turn. */
    private final Queue<Runnable> manual = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aPileTheDepotDoesNotHaveIsRefusedAsUnknown() throws Exception {
        PileLanes lanes = new PileLanes(threads, threads, Duration.ofSeconds(5));
        attached(lanes, BAY_07);
        AtomicBoolean ran = new AtomicBoolean();

        DialogueRefusal refused = refusal(lanes.requestNow(new PileId("bay-99"), lane -> ran.getAndSet(true)));

        assertEquals(ErrorCode.UNKNOWN_PILE, refused.code());
        assertEquals("there is no pile bay-99 at this depot", refused.getMessage());
        assertFalse(ran.get());
        assertEquals(1, lanes.all().size(), "asking makes no lane");
    }

    @Test
    void aPileWhoseControllerIsNotAttachedIsUnavailableUntilItIs() throws Exception {
        PileLanes lanes = new PileLanes(threads, threads, Duration.ofSeconds(5));
        // a lane made for a session open on the pile before its controller appeared after a restart
        lanes.of(BAY_07);
        AtomicBoolean ran = new AtomicBoolean();

        DialogueRefusal refused = refusal(lanes.requestNow(BAY_07, lane -> ran.getAndSet(true)));

        assertEquals(ErrorCode.PILE_UNAVAILABLE, refused.code());
        assertFalse(ran.get());
        attached(lanes, BAY_07);
        assertEquals("served", lanes.requestNow(BAY_07, lane -> "served").get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPilesRequestsRunInTheOrderTheyCameEachAfterThePreviousOnesStage() {
        PileLanes lanes = new PileLanes(manual::add, manual::add, Duration.ofMinutes(1));
        attached(lanes, BAY_07);
        List<String> started = new ArrayList<>();
        CompletableFuture<String> relayClosed = new CompletableFuture<>();

        CompletableFuture<String> charge = lanes.request(BAY_07, lane -> {
            started.add("charge");
            return relayClosed;
        });
        CompletableFuture<String> stop = lanes.requestNow(BAY_07, lane -> {
            started.add("stop");
            return "stopped";
        });
        runManualThreads();

        assertEquals(List.of("charge"), started, "the stop waits while the relay closes");
        assertFalse(stop.isDone());
        relayClosed.complete("charging");
        runManualThreads();
        assertEquals(List.of("charge", "stop"), started);
        assertEquals("charging", charge.join());
        assertEquals("stopped", stop.join());
    }

    @Test
    void aPilesRequestsNeverOverlapWhateverTheThreads() throws Exception {
        PileLanes lanes = new PileLanes(threads, threads, Duration.ofSeconds(30));
        attached(lanes, BAY_07);
        ExecutorService relay = Executors.newSingleThreadExecutor();
        AtomicInteger underway = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> order = new CopyOnWriteArrayList<>();
        try {
            List<CompletableFuture<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int request = i;
                requests.add(lanes.request(BAY_07, lane -> {
                    mostAtOnce.accumulateAndGet(underway.incrementAndGet(), Math::max);
                    order.add(request);
                    // the stage ends on another thread, as a relay's answer does
                    return CompletableFuture.supplyAsync(() -> {
                        underway.decrementAndGet();
                        return request;
                    }, relay);
                }));
            }
            for (int i = 0; i < requests.size(); i++) {
                assertEquals(i, requests.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            relay.shutdownNow();
        }

        assertEquals(1, mostAtOnce.get());
        assertEquals(IntStream.range(0, 50).boxed().toList(), order);
    }

    @Test
    void aRequestThatWaitedPastTheQueueLimitIsRefusedAsBusyAndItsWorkNeverRuns() throws Exception {
        PileLanes lanes = new PileLanes(manual::add, manual::add, Duration.ofMillis(100));
        attached(lanes, BAY_07);
        CompletableFuture<String> relayClosed = new CompletableFuture<>();
        CompletableFuture<String> charge = lanes.request(BAY_07, lane -> relayClosed);
        runManualThreads();
        AtomicBoolean lateWorkRan = new AtomicBoolean();

        CompletableFuture<String> late = lanes.requestNow(BAY_07, lane -> {
            lateWorkRan.set(true);
            return "late";
        });

        DialogueRefusal busy = refusal(late);
        assertEquals(ErrorCode.SERVICE_BUSY, busy.code());
        relayClosed.complete("charging");
        runManualThreads();
        assertEquals("charging", charge.join(), "the request that had its turn in time still completes");
        CompletableFuture<String> next = lanes.requestNow(BAY_07, lane -> "next");
        runManualThreads();
        assertEquals("next", next.join());
        assertFalse(lateWorkRan.get(), "what the terminal was told had not happened never happens");
    }

    private static PileLane attached(PileLanes lanes, PileId pile) {
        PileLane lane = lanes.of(pile);
        lane.pile = new FakePileController(pile.value(), 0);
        return lane;
    }

    private void runManualThreads() {
        Runnable task;
        while ((task = manual.poll()) != null) {
            task.run();
        }
    }

    private static DialogueRefusal refusal(CompletableFuture<?> request) throws Exception {
        try {
            request.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected a refusal, got " + request.join());
        } catch (ExecutionException e) {
            return assertInstanceOf(DialogueRefusal.class, e.getCause());
        }
    }
}
