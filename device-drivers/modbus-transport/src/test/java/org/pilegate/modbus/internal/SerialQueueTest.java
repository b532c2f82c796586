package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialQueueTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void runsTasksOneAtATimeInOrderOnAWidePool() throws InterruptedException {
        SerialQueue queue = new SerialQueue(pool);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Integer> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(500);
        for (int i = 0; i < 500; i++) {
            int task = i;
            queue.execute(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(task);
                Thread.yield();
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(2, TimeUnit.SECONDS));
        assertEquals(1, mostAtOnce.get());
        for (int i = 0; i < 500; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheQueue() throws InterruptedException {
        SerialQueue queue = new SerialQueue(pool);
        CountDownLatch after = new CountDownLatch(1);
        queue.execute(() -> {
            throw new IllegalStateException("boom");
        });
        queue.execute(after::countDown);
        assertTrue(after.await(2, TimeUnit.SECONDS));
    }

    @Test
    void refusesWorkOnceThePoolStopped() {
        SerialQueue queue = new SerialQueue(pool);
        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> queue.execute(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> queue.execute(() -> { }));
    }
}
