package org.pilegate.modbus;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Shared Modbus transport. Keeps one connection per endpoint for all unit ids behind it, runs that endpoint's
 * transactions one at a time, retries failures and tracks health, so drivers only describe what to read or write.
 * A slow or dead endpoint never delays another one.
 * <p>
 * A device driver passes its {@link DriverLane} with each request, and the returned stage completes in that lane: what
 * the driver does with an answer runs on the shared driver threads, in order with the driver's other work, and never
 * on the transport's network or IO threads, which only carry frames. The stages of requests without a lane complete,
 * and poll callbacks run, on those threads themselves, sparing a hand-off: their dependent actions must be quick and
 * must never block (a callback that hands the answer to a lane is). Failures are {@link ModbusException}s.
 */
public interface ModbusManager {

    /** Sets how the transport talks to {@code endpoint} from the next transaction on. */
    void configure(ModbusEndpoint endpoint, EndpointSettings settings);

    /**
     * Reads registers.
     *
     * @throws IllegalArgumentException if the request reads bits
     */
    CompletionStage<RegisterBlock> read(ModbusEndpoint endpoint, ReadRequest request);

    /**
     * Reads coils or discrete inputs.
     *
     * @throws IllegalArgumentException if the request reads registers
     */
    CompletionStage<BitBlock> readBits(ModbusEndpoint endpoint, ReadRequest request);

    CompletionStage<Void> write(ModbusEndpoint endpoint, WriteRequest request);

    /**
     * Reads registers for the driver of {@code lane}; the stage completes in the lane, also once it is closed.
     *
     * @throws IllegalArgumentException if the request reads bits
     */
    CompletionStage<RegisterBlock> read(ModbusEndpoint endpoint, ReadRequest request, DriverLane lane);

    /**
     * Reads coils or discrete inputs for the driver of {@code lane}; the stage completes in the lane, also once it is
     * closed.
     *
     * @throws IllegalArgumentException if the request reads registers
     */
    CompletionStage<BitBlock> readBits(ModbusEndpoint endpoint, ReadRequest request, DriverLane lane);

    /** Writes for the driver of {@code lane}; the stage completes in the lane, also once it is closed. */
    CompletionStage<Void> write(ModbusEndpoint endpoint, WriteRequest request, DriverLane lane);

    /**
     * Reads {@code request} every {@code period}, from the endpoint's next beat for that period on: an endpoint's
     * polls of one period fall due together, so it serves them back to back in one wake-up, while each endpoint has
     * its own phase. A run is skipped while the previous one is still in flight, so a dead endpoint does not pile up
     * work.
     */
    PollTask schedule(ModbusEndpoint endpoint, ReadRequest request, Duration period, PollCallback callback);

    /**
     * A new lane for one device driver, on the transport's shared driver threads; close it when the driver stops.
     *
     * @param device names the driver in what the lane logs
     */
    DriverLane lane(String device);

    /**
     * @throws IllegalArgumentException if the endpoint was never configured, read, written or polled
     */
    EndpointHealth health(ModbusEndpoint endpoint);

    /**
     * @throws IllegalArgumentException if the endpoint was never configured, read, written or polled
     */
    EndpointMetrics metrics(ModbusEndpoint endpoint);

    /** Endpoints the transport has been asked to use. */
    Collection<ModbusEndpoint> endpoints();
}
