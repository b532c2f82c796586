package org.pilegate.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class GroupFlushTest {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();

    @Test
    void everyWriterReturnsAfterAFlushThatBeganAfterItArrivedAndWritersShareFlushes() throws Exception {
        GroupFlush flush = new GroupFlush(() -> {
            int number = started.incrementAndGet();
            sleep(2);
            completed.set(number);
        });
        int writers = 8;
        int each = 40;
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(threads.submit(() -> {
                    List<String> early = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        int begunBefore = started.get();
                        flush.awaitDurable();
                        if (completed.get() <= begunBefore) {
                            early.add("returned after flush " + completed.get() + ", arrived after " + begunBefore);
                        }
                    }
                    return early;
                }));
            }
            for (Future<List<String>> result : results) {
                assertEquals(List.of(), result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(started.get(), flush.flushes());
        assertEquals(writers * each, flush.commits(), "every writer's commit counted");
        assertTrue(flush.flushes() < writers * each, flush.flushes() + " flushes for " + writers * each + " writers");
    }

    @Test
    void aFailedFlushFailsItsLeaderAndTheOthersFlushAgain() throws Exception {
        SQLException full = new SQLException("No space left on device");
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        GroupFlush flush = new GroupFlush(() -> {
            if (started.incrementAndGet() == 1) {
                leading.countDown();
                await(othersWaiting);
                throw full;
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> leader = threads.submit(() -> {
                flush.awaitDurable();
                return null;
            });
            await(leading);
            Future<?> follower = threads.submit(() -> {
                flush.awaitDurable();
                return null;
            });
            sleep(50); // the follower is waiting for the failing flush
            othersWaiting.countDown();
            Exception failed = assertThrows(Exception.class, () -> leader.get(10, TimeUnit.SECONDS));
            assertSame(full, failed.getCause());
            follower.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(2, started.get());
        assertEquals(1, flush.flushes());
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws Exception {
        CountDownLatch flushing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupFlush flush = new GroupFlush(() -> {
            if (started.incrementAndGet() == 1) {
                flushing.countDown();
                await(release);
            }
            completed.set(started.get());
        });
        Thread leader = new Thread(() -> {
            try {
                flush.awaitDurable();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        leader.start();
        await(flushing);
        AtomicInteger seenAtReturn = new AtomicInteger();
        boolean[] interruptedAtReturn = new boolean[1];
        Thread waiter = new Thread(() -> {
            try {
                flush.awaitDurable();
                seenAtReturn.set(completed.get());
                interruptedAtReturn[0] = Thread.currentThread().isInterrupted();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        waiter.start();
        sleep(50);
        waiter.interrupt();
        sleep(50);
        release.countDown();
        waiter.join(10_000);
        leader.join(10_000);
        // the waiter arrived during flush 1, so only flush 2 carried it
        assertEquals(2, seenAtReturn.get());
        assertTrue(interruptedAtReturn[0]);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
