package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.internal.Beat;

/**
 * Counts one scheduled read's outcomes, with its latency taken from when the run was due, so waiting in the
 * endpoint's queue counts as a driver would feel it. The transport's first run is due on the endpoint's next beat
 * ({@link #firstDue}) and each further one a period later.
 * <p>
 * The transport skips a run while the previous one is in flight, so an answer belongs to the first run due after
 * the previous answer, and never to one due after the answer itself.
 */
final class DuePoll implements PollCallback {

    private final Tally tally;
    private final long periodNanos;
    private final LongSupplier clock;
    private final long firstDue;
    // the transport never calls one poll's callback concurrently, and hands over between calls
    private long previousOutcome;

    /** @param firstDue when the first run falls due, on the {@code clock}'s scale */
    DuePoll(Tally tally, Duration period, long firstDue, LongSupplier clock) {
        this.tally = tally;
        this.periodNanos = period.toNanos();
        this.clock = clock;
        this.firstDue = firstDue;
        this.previousOutcome = firstDue;
    }

    @Override
    public void onData(DataBlock data, long queuedNanos) {
        long now = clock.getAsLong();
        tally.onAnswer(now - due(now));
    }

    @Override
    public void onFailure(ModbusException error) {
        due(clock.getAsLong());
        tally.onFailure();
    }

    /** When the run that ended {@code now} was due. */
    private long due(long now) {
        long firstAfterPrevious = (previousOutcome - firstDue + periodNanos - 1) / periodNanos;
        long lastBeforeNow = (now - firstDue) / periodNanos;
        previousOutcome = now;
        return firstDue + Math.min(firstAfterPrevious, lastBeforeNow) * periodNanos;
    }

    /** When a read of {@code endpoint} every {@code period}, scheduled now, first falls due. */
    static long firstDue(ModbusEndpoint endpoint, Duration period) {
        long now = System.nanoTime();
        return now + Beat.nanosToFirstBeat(endpoint, Duration.ZERO, period, now);
    }
}
