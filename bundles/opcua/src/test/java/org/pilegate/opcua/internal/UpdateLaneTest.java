package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.api.work.SharedThreads;

class UpdateLaneTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SharedThreads threads = new SharedThreads(4);
    private final UpdateLane lane = new UpdateLane(threads.workers());

    @AfterEach
    void stopThreads() {
        threads.close();
    }

    @Test
    void changesRunOneAtATimeInTheOrderGiven() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        for (int i = 0; i < 500; i++) {
            int change = i;
            lane.submit("change " + i, () -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                seen.add(change);
                running.decrementAndGet();
            });
        }
        lane.stop(() -> { }, WAIT);

        assertEquals(IntStream.range(0, 500).boxed().toList(), seen);
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void aChangeThatFailsIsLoggedAndTheNextOneRuns() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        lane.submit("a change that fails", () -> {
            throw new IllegalStateException("node gone");
        });
        lane.submit("the next change", next::countDown);

        assertTrue(next.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void stoppingRunsTheLastStepAfterTheQueuedChangesAndDropsLaterOnes() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        lane.submit("queued", () -> seen.add("queued"));

        lane.stop(() -> seen.add("last"), WAIT);
        // dropped at once: nothing queued it to run later
        lane.submit("too late", () -> seen.add("too late"));

        assertEquals(List.of("queued", "last"), seen);
    }
}
