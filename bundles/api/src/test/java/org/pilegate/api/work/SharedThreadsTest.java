package org.pilegate.api.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedThreadsTest {

    private final SharedThreads threads = new SharedThreads(2);

    @AfterEach
    void stop() {
        threads.close();
    }

    @Test
    void theBacklogIsHowLongTheFirstStepInLineHasWaitedForAWorker() throws Exception {
        assertEquals(Duration.ZERO, threads.backlog(), "idle");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch last = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            threads.workers().execute(() -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        threads.workers().execute(last::countDown);
        Thread.sleep(60);

        Duration behind = threads.backlog();
        release.countDown();

        assertTrue(behind.toMillis() >= 60, "both workers busy, one step waiting: " + behind);
        assertTrue(last.await(5, TimeUnit.SECONDS));
        assertEquals(Duration.ZERO, threads.backlog(), "caught up");
    }

    @Test
    void backgroundStepsLetTheDialogueGoFirstAndAreNotOverdueMeanwhile() throws Exception {
        try (SharedThreads one = new SharedThreads(1)) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch release = blocked(one);
            one.background().execute(() -> order.add("status 1"));
            one.background().execute(() -> order.add("status 2"));
            one.workers().execute(() -> order.add("request"));
            Thread.sleep(60);
            Duration behindWithTheRequest = one.backlog();

            release.countDown();
            CountDownLatch drained = new CountDownLatch(1);
            one.background().execute(drained::countDown);

            assertTrue(drained.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("request", "status 1", "status 2"), order);
            assertTrue(behindWithTheRequest.toMillis() >= 60, "the request is overdue: " + behindWithTheRequest);
        }
    }

    @Test
    void aBackgroundStepWaitsNoLongerThanItsYield() throws Exception {
        try (SharedThreads one = new SharedThreads(1)) {
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch release = blocked(one);
            one.background().execute(() -> order.add("status"));
            assertEquals(Duration.ZERO, one.backlog(), "a background step is not due yet");
            Thread.sleep(SharedThreads.BACKGROUND_YIELD.toMillis() + 100);
            one.workers().execute(() -> order.add("request"));

            release.countDown();
            CountDownLatch drained = new CountDownLatch(1);
            one.workers().execute(drained::countDown);

            assertTrue(drained.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("status", "request"), order);
        }
    }

    /** @return releases the workers' one thread, held by a step until then */
    static CountDownLatch blocked(SharedThreads one) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        one.workers().execute(() -> {
            holding.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(holding.await(5, TimeUnit.SECONDS));
        return release;
    }

    @Test
    void aDelayedRunHappensOnANamedWorkerAfterItsDelay() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        List<String> names = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();

        threads.after(Duration.ofMillis(50), () -> {
            names.add(Thread.currentThread().getName());
            ran.countDown();
        });

        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
        assertTrue(names.get(0).startsWith("pilegate-worker-"), names.get(0));
    }

    @Test
    void aScheduleRepeatsWithoutOverlapAndGoesOnAfterAFailure() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch fiveRuns = new CountDownLatch(5);

        GatewayThreads.Scheduled schedule = threads.every(Duration.ZERO, Duration.ofMillis(5), () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            fiveRuns.countDown();
            if (runs.incrementAndGet() == 2) {
                throw new IllegalStateException("one bad run");
            }
        });

        assertTrue(fiveRuns.await(5, TimeUnit.SECONDS), "runs go on after one threw");
        schedule.cancel();
        assertEquals(0, overlaps.get());
    }

    @Test
    void aCancelledScheduleRunsNoMore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        GatewayThreads.Scheduled schedule = threads.every(Duration.ofMillis(100), Duration.ofMillis(100),
                runs::incrementAndGet);

        schedule.cancel();
        Thread.sleep(300);

        assertEquals(0, runs.get());
    }

    @Test
    void aPeriodMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> threads.every(Duration.ZERO, Duration.ZERO, () -> { }));
    }

    @Test
    void closingStopsTheWorkers() {
        threads.close();

        assertTrue(threads.workers().isShutdown());
    }
}
