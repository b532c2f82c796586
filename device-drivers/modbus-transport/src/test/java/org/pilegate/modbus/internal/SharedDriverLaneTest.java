package org.pilegate.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.TcpEndpoint;

class SharedDriverLaneTest {

    private static final ModbusEndpoint RELAY = new TcpEndpoint("127.0.0.1", 502);

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    @Test
    void aTaskScheduledOnceRunsInTheLaneAfterItsDelayAndNotAfterTheLaneClosed() {
        DriverLane lane = new SharedDriverLane("relay-1", workers, scheduler);
        List<Long> ranAfterNanos = new CopyOnWriteArrayList<>();
        long scheduled = System.nanoTime();
        lane.schedule(() -> ranAfterNanos.add(System.nanoTime() - scheduled), Duration.ofMillis(50));
        Await.until("the task ran", () -> ranAfterNanos.size() == 1);
        assertTrue(ranAfterNanos.get(0) >= Duration.ofMillis(50).toNanos(), "ran after " + ranAfterNanos.get(0));

        AtomicInteger late = new AtomicInteger();
        lane.schedule(late::incrementAndGet, Duration.ofMillis(50));
        lane.close();
        assertThrows(RejectedExecutionException.class, () -> lane.schedule(late::incrementAndGet, Duration.ZERO));
        Await.until("the delay passed", () -> System.nanoTime() - scheduled > Duration.ofMillis(200).toNanos());
        assertEquals(0, late.get(), "a task ran after its lane closed");
    }

    @Test
    void runsOneLanesTasksOneAtATimeInOrderWhileOtherLanesUseTheSameThreads() {
        DriverLane first = new SharedDriverLane("meter-1", workers, scheduler);
        DriverLane second = new SharedDriverLane("meter-2", workers, scheduler);
        List<Integer> firstOrder = new CopyOnWriteArrayList<>();
        List<Integer> secondOrder = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        for (int i = 0; i < 500; i++) {
            int task = i;
            first.execute(() -> {
                if (running.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                firstOrder.add(task);
                running.decrementAndGet();
            });
            second.execute(() -> secondOrder.add(task));
        }
        Await.until("both lanes ran every task", () -> firstOrder.size() == 500 && secondOrder.size() == 500);
        assertEquals(0, overlaps.get(), "tasks of one lane overlapped");
        for (int i = 0; i < 500; i++) {
            assertEquals(i, firstOrder.get(i));
            assertEquals(i, secondOrder.get(i));
        }
    }

    @Test
    void aFailingTaskIsLoggedAndTheLaneGoesOn() {
        DriverLane lane = new SharedDriverLane("relay-1", workers, scheduler);
        CountDownLatch after = new CountDownLatch(1);
        lane.execute(() -> {
            throw new IllegalStateException("garbage from the device");
        });
        lane.execute(after::countDown);
        Await.until("the task after the failure ran", () -> after.getCount() == 0);
    }

    @Test
    void aScheduledRunWaitingInABusyLaneIsNotQueuedTwice() throws InterruptedException {
        DriverLane lane = new SharedDriverLane("relay-1", workers, scheduler);
        CountDownLatch release = new CountDownLatch(1);
        lane.execute(() -> awaitQuietly(release));
        AtomicInteger runs = new AtomicInteger();
        Future<?> schedule = lane.scheduleAtFixedRate(runs::incrementAndGet, RELAY, Duration.ZERO,
                Duration.ofMillis(5));
        // some 20 triggers while the lane is held up
        TimeUnit.MILLISECONDS.sleep(100);
        schedule.cancel(false);
        release.countDown();
        CountDownLatch drained = new CountDownLatch(1);
        lane.execute(drained::countDown);
        Await.until("the lane drained", () -> drained.getCount() == 0);
        assertEquals(1, runs.get(), "triggers while the lane was busy queued more than one run");
    }

    @Test
    void closingCancelsSchedulesDropsQueuedTasksAndRefusesNewOnes() throws InterruptedException {
        DriverLane lane = new SharedDriverLane("meter-1", workers, scheduler);
        AtomicInteger scheduledRuns = new AtomicInteger();
        Future<?> schedule = lane.scheduleAtFixedRate(scheduledRuns::incrementAndGet, RELAY, Duration.ZERO,
                Duration.ofMillis(5));
        Await.until("the schedule ran", () -> scheduledRuns.get() > 0);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queuedRuns = new AtomicInteger();
        lane.execute(() -> awaitQuietly(release));
        lane.execute(queuedRuns::incrementAndGet);

        lane.close();
        release.countDown();
        int runsAtClose = scheduledRuns.get();
        TimeUnit.MILLISECONDS.sleep(50);

        assertTrue(schedule.isCancelled());
        assertEquals(runsAtClose, scheduledRuns.get(), "a schedule ran after the lane closed");
        assertEquals(0, queuedRuns.get(), "a task queued before the close ran after it");
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                () -> lane.execute(() -> { }));
        assertTrue(refused.getMessage().contains("meter-1"), refused.getMessage());
        assertThrows(RejectedExecutionException.class,
                () -> lane.scheduleAtFixedRate(() -> { }, RELAY, Duration.ZERO, Duration.ofSeconds(1)));
        assertFalse(workers.isShutdown(), "closing a lane must not stop the shared threads");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
