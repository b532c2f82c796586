package org.pilegate.session.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.pilegate.api.work.GatewayThreads;

/**
 * The session service's periodic work on the gateway's shared threads: the status tick at the configured interval,
 * moved when the interval changes, and housekeeping at fixed periods. Owns no thread.
 */
final class SessionSchedules {

    private final GatewayThreads threads;
    private final Runnable tick;
    private final List<GatewayThreads.Scheduled> fixed = new ArrayList<>();
    private Duration interval;
    private GatewayThreads.Scheduled ticking;

    /** Starts ticking every {@code interval}, the first time one interval from now. */
    SessionSchedules(GatewayThreads threads, Duration interval, Runnable tick) {
        this.threads = threads;
        this.tick = tick;
        this.interval = interval;
        this.ticking = threads.every(interval, interval, tick);
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
            ticking = threads.every(changed, changed, tick);
        }
    }

    synchronized void cancel() {
        ticking.cancel();
        fixed.forEach(GatewayThreads.Scheduled::cancel);
    }
}
