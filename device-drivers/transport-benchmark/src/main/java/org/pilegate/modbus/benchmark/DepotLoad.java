package org.pilegate.modbus.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.EndpointMetrics;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.TcpEndpoint;

/**
 * The whole depot through one transport, as its drivers would poll it: every pile's meter and relay reads at their
 * poll periods on the endpoint of the pile's port, shared with the other piles behind it, each driver's answers taken
 * in its own lane ({@link DriverPolls}).
 */
final class DepotLoad {

    /**
     * @param retries the transport's retries over the whole phase, warm-up included
     * @param reconnects the same for reconnections
     */
    record Result(Measurement measurement, long retries, long reconnects) {
    }

    /** Fixed, so that runs start their piles in the same order. */
    private static final long SEED = 20_000;

    private DepotLoad() {
    }

    static Result run(Probe probe, ModbusManager modbus, BenchmarkSettings settings, DriverReads reads)
            throws InterruptedException {
        Tally tally = new Tally();
        List<PollTask> polls = new ArrayList<>();
        List<DriverLane> lanes = new ArrayList<>();
        long start = System.nanoTime();
        long periodNanos = settings.period().toNanos();
        // drivers start independently of each other, in any order; the transport puts each endpoint's polls on the
        // endpoint's beat whenever they start
        List<Integer> order = new ArrayList<>(IntStream.range(0, settings.piles()).boxed().toList());
        Collections.shuffle(order, new Random(SEED));
        try {
            for (int slot = 0; slot < order.size(); slot++) {
                int pile = order.get(slot);
                LockSupport.parkNanos(start + periodNanos * slot / order.size() - System.nanoTime());
                TcpEndpoint endpoint = settings.endpoint(pile);
                DriverLane meter = modbus.lane("meter-" + pile);
                DriverLane relay = modbus.lane("relay-" + pile);
                lanes.add(meter);
                lanes.add(relay);
                polls.addAll(DriverPolls.meter(modbus, endpoint, reads.meterReads(settings.meterUnitId(pile)),
                        settings.period(), tally, meter));
                DriverPolls.relay(modbus, endpoint, reads.relayReads(settings.relayUnitId(pile)),
                        settings.relayPeriod(), tally, relay);
            }
            Measurement measurement = probe.measure(tally, settings.depotWarmup(), settings.depotWindow());
            List<EndpointMetrics> metrics = modbus.endpoints().stream().map(modbus::metrics).toList();
            return new Result(measurement, metrics.stream().mapToLong(EndpointMetrics::retries).sum(),
                    metrics.stream().mapToLong(EndpointMetrics::reconnects).sum());
        } finally {
            polls.forEach(PollTask::cancel);
            lanes.forEach(DriverLane::close);
        }
    }
}
