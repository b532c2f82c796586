package org.pilegate.modbus.benchmark;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One phase's measured window.
 *
 * @param requestsPerSecond answered requests per second of wall time
 * @param failed requests that failed in the window, after the transport's retries
 * @param latency percentiles of the answered requests; empty if none was answered
 * @param gatewayCores CPU time of the benchmark process per wall time: the client side, JIT and GC included
 * @param simulatorCores the same for the simulator process, if the OS reports it
 * @param machineCores cores busy with anything, both processes included, if the OS reports it
 * @param peakThreads the most threads the benchmark process had at once in the window
 */
record Measurement(double requestsPerSecond, long failed, Optional<Tally.Latency> latency, double gatewayCores,
        OptionalDouble simulatorCores, OptionalDouble machineCores, int peakThreads) {
}
