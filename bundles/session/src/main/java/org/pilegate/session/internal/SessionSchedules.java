package org.pilegate.session.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import org.pilegate.api.work.GatewayThreads;

/**
 * The session service's periodic work on the gateway's shared threads: the status ticks, one per slot of the
 * configured interval ({@link TickSlots}), moved when the interval changes; and housekeeping at fixed periods. Owns no
 * thread.
 */
final class SessionSchedules {

    private final GatewayThreads threads;
    private final BiConsumer<TickSlots, Long> tick;
    private final List<GatewayThreads.Scheduled> fixed = new ArrayList<>();
    private Duration interval;
    private GatewayThreads.Scheduled ticking;

    /**
     * Starts ticking, the first time one slot from now.
     *
     * @param tick takes the slots and the number of the slot whose tick it is, counted from 0
     */
    SessionSchedules(GatewayThreads threads, Duration interval, BiConsumer<TickSlots, Long> tick) {
        this.threads = threads;
        this.tick = tick;
        this.interval = interval;
        this.ticking = ticking(interval);
    }

    /** Runs {@code task} every {@code period}, the first time after {@code initialDelay}, until {@link #cancel}. */
    synchronized void every(Duration initialDelay, Duration period, Runnable task) {
        fixed.add(threads.every(initialDelay, period, task));
    }

    /** Ticks every {@code changed} from now on; the same interval leaves the ticking as it is. */
    synchronized void tickEvery(Duration changed) {
        if (!changed.equals(interval)) {
            interval = changed;
            ticking.cancel();
            ticking = ticking(changed);
        }
    }

    private GatewayThreads.Scheduled ticking(Duration over) {
        TickSlots slots = TickSlots.over(over);
        AtomicLong slot = new AtomicLong();
        return threads.every(slots.period(), slots.period(), () -> tick.accept(slots, slot.getAndIncrement()));
    }

    synchronized void cancel() {
        ticking.cancel();
        fixed.forEach(GatewayThreads.Scheduled::cancel);
    }
}
