package org.pilegate.modbus;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * A device driver's own line of work: its tasks run one at a time, in the order given, on threads the transport
 * shares among all drivers, so a depot of thousands of meters and relays needs no thread per device. Tasks must
 * be quick and must never block; a task that throws is logged and the lane goes on. The answers to the requests a
 * driver makes with its lane ({@link ModbusManager#read(ModbusEndpoint, ReadRequest, DriverLane)} and the like) are
 * taken in the lane too, so a driver's state changes only there.
 */
public interface DriverLane extends Executor, AutoCloseable {

    /**
     * @throws RejectedExecutionException once the lane is closed
     */
    @Override
    void execute(Runnable task);

    /**
     * Runs {@code task} in the lane every {@code period}, on the beat the transport polls {@code endpoint} with for
     * that period (so that the endpoint serves the reads the task starts together with its polls), the first time
     * on the first beat at or after {@code initialDelay}. A run still waiting in the lane is not queued again, so a
     * busy lane does not pile up work.
     *
     * @return cancels the schedule; a run already queued still happens
     */
    Future<?> scheduleAtFixedRate(Runnable task, ModbusEndpoint endpoint, Duration initialDelay, Duration period);

    /**
     * Runs {@code task} in the lane once, after {@code delay}, e.g. to ask a device again a moment later without a
     * thread of its own waiting meanwhile. Nothing runs once the lane is closed.
     *
     * @throws RejectedExecutionException once the lane is closed
     */
    void schedule(Runnable task, Duration delay);

    /** Cancels every schedule, drops queued tasks and refuses new ones. Idempotent. */
    @Override
    void close();
}
