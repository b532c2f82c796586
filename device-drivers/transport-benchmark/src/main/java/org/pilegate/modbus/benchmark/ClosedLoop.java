package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.ReadRequest;

/**
 * The transport in the reference's shape: one endpoint, one read in flight, the next issued from the previous
 * one's completion, so no thread of the benchmark adds a hand-off of its own.
 */
final class ClosedLoop {

    private final ModbusManager modbus;
    private final ModbusEndpoint endpoint;
    private final ReadRequest request;
    private final Tally tally = new Tally();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    private ClosedLoop(ModbusManager modbus, ModbusEndpoint endpoint, ReadRequest request) {
        this.modbus = modbus;
        this.endpoint = endpoint;
        this.request = request;
    }

    static Measurement run(Probe probe, ModbusManager modbus, ModbusEndpoint endpoint, ReadRequest request,
            Duration warmup, Duration window) throws InterruptedException {
        ClosedLoop loop = new ClosedLoop(modbus, endpoint, request);
        loop.next();
        try {
            return probe.measure(loop.tally, warmup, window);
        } finally {
            loop.running = false;
            // the transport answers or fails every read, at the latest after its timeout and retries
            loop.stopped.await();
        }
    }

    private void next() {
        if (!running) {
            stopped.countDown();
            return;
        }
        long started = System.nanoTime();
        modbus.read(endpoint, request).whenComplete((block, error) -> {
            if (error == null) {
                tally.onAnswer(System.nanoTime() - started);
            } else {
                tally.onFailure();
            }
            next();
        });
    }
}
