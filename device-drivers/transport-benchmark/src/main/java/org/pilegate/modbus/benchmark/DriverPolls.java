package org.pilegate.modbus.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;

import org.pilegate.modbus.DataBlock;
import org.pilegate.modbus.DriverLane;
import org.pilegate.modbus.ModbusException;
import org.pilegate.modbus.ModbusIOException;
import org.pilegate.modbus.ModbusManager;
import org.pilegate.modbus.PollCallback;
import org.pilegate.modbus.PollTask;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.TcpEndpoint;

/**
 * One pile's polls in the shapes its drivers use, each driver with a lane of its own: the meter's reads scheduled by
 * the transport, each answer handed to the meter's lane; the relay's reads started together from the relay's lane on
 * its beat, skipped while the last are under way, and completing in that lane. Every answer is counted in its lane,
 * so the hand-off from the transport's threads counts in the latency as a driver would feel it.
 */
final class DriverPolls {

    private DriverPolls() {
    }

    /** Schedules the meter's reads; cancel the returned tasks, then close the lane. */
    static List<PollTask> meter(ModbusManager modbus, TcpEndpoint endpoint, List<ReadRequest> reads, Duration period,
            Tally tally, DriverLane lane) {
        return reads.stream().map(read -> modbus.schedule(endpoint, read, period, inLane(lane,
                new DuePoll(tally, period, DuePoll.firstDue(endpoint, period), System::nanoTime)))).toList();
    }

    /** Starts the relay's polls; they end when the lane is closed. */
    static Future<?> relay(ModbusManager modbus, TcpEndpoint endpoint, List<ReadRequest> reads, Duration period,
            Tally tally, DriverLane lane) {
        long firstDue = DuePoll.firstDue(endpoint, period);
        List<DuePoll> due = reads.stream().map(read -> new DuePoll(tally, period, firstDue, System::nanoTime)).toList();
        int[] underWay = new int[1]; // touched in the lane only
        return lane.scheduleAtFixedRate(() -> {
            if (underWay[0] > 0) {
                return;
            }
            underWay[0] = reads.size();
            for (int i = 0; i < reads.size(); i++) {
                DuePoll poll = due.get(i);
                modbus.read(endpoint, reads.get(i), lane).whenComplete((block, error) -> {
                    underWay[0]--;
                    if (error == null) {
                        poll.onData(block, 0);
                    } else {
                        poll.onFailure(modbusFailure(error));
                    }
                });
            }
        }, endpoint, Duration.ZERO, period);
    }

    private static PollCallback inLane(DriverLane lane, PollCallback callback) {
        return new PollCallback() {
            @Override
            public void onData(DataBlock data, long queuedNanos) {
                lane.execute(() -> callback.onData(data, queuedNanos));
            }

            @Override
            public void onFailure(ModbusException error) {
                lane.execute(() -> callback.onFailure(error));
            }
        };
    }

    private static ModbusException modbusFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ModbusException failure ? failure
                : new ModbusIOException("unexpected failure: " + cause, cause);
    }
}
