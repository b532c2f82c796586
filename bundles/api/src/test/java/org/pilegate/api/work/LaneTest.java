package org.pilegate.api.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(1);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aStepUnderWayHoldsTheNextStepsOfItsPileButNotTheThread() throws Exception {
        Lane starting = new Lane(threads);
        Lane other = new Lane(threads);
        List<String> done = new CopyOnWriteArrayList<>();
        CompletableFuture<String> relayClosed = new CompletableFuture<>();

        CompletableFuture<String> start = starting.submit(() -> relayClosed.thenApply(state -> {
            done.add("started");
            return state;
        }));
        starting.execute(() -> done.add("after the start"));
        // the pool's one thread is free for another pile meanwhile
        assertEquals("served", other.submit(() -> CompletableFuture.completedFuture("served")).get(2, TimeUnit.SECONDS));
        assertEquals(List.of(), done);

        relayClosed.complete("CHARGING");
        assertEquals("CHARGING", start.get(2, TimeUnit.SECONDS));
        starting.submit(() -> CompletableFuture.completedFuture(null)).get(2, TimeUnit.SECONDS);
        assertEquals(List.of("started", "after the start"), done);
    }

    @Test
    void whatAStepThrowsOrItsStageFailsWithReachesItsCallerUnwrapped() throws Exception {
        Lane work = new Lane(threads);
        IllegalStateException refused = new IllegalStateException("pile busy");
        IllegalArgumentException relay = new IllegalArgumentException("relay did not close");

        CompletableFuture<Object> thrown = work.submit(() -> {
            throw refused;
        });
        CompletableFuture<Object> failed = work.submit(() -> CompletableFuture.supplyAsync(() -> {
            throw relay;
        }));

        assertSame(refused, cause(thrown));
        assertSame(relay, cause(failed));
    }

    @Test
    void aTaskThatThrowsIsLoggedAndThePilesWorkGoesOn() throws Exception {
        Lane work = new Lane(threads);
        work.execute(() -> {
            throw new IllegalStateException("a listener failed");
        });

        CompletableFuture<String> after = work.submit(() -> CompletableFuture.completedFuture("on"));

        assertEquals("on", after.get(2, TimeUnit.SECONDS));
        assertFalse(threads.isShutdown());
    }

    @Test
    void aDialogueStepTakesItsLaneAheadOfOtherLanesBackgroundStepsInTheLanesOrder() throws Exception {
        try (SharedThreads one = new SharedThreads(1)) {
            List<String> done = new CopyOnWriteArrayList<>();
            Lane pileA = new Lane(one.workers(), one.background());
            Lane pileB = new Lane(one.workers(), one.background());
            Lane pileC = new Lane(one.workers(), one.background());
            CountDownLatch release = SharedThreadsTest.blocked(one);
            pileB.executeInBackground(() -> done.add("B status"));
            pileC.executeInBackground(() -> done.add("C status"));
            pileA.executeInBackground(() -> done.add("A status"));
            CompletableFuture<String> request = pileA.submit(() -> CompletableFuture.completedFuture("A request"));
            request.thenAccept(done::add);

            release.countDown();
            pileC.submitInBackground(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);
            pileB.submit(() -> CompletableFuture.completedFuture(null)).get(5, TimeUnit.SECONDS);

            assertEquals(List.of("A status", "A request", "B status", "C status"), done,
                    "A's turn, handed over as background work, was raised by its request and ran once");
        }
    }

    private static Throwable cause(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(2, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome", e);
        }
    }
}
