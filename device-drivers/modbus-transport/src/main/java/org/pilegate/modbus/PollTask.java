package org.pilegate.modbus;

import java.time.Duration;

/** Handle of a scheduled read. */
public interface PollTask {

    ModbusEndpoint endpoint();

    ReadRequest request();

    Duration period();

    /** Stops the schedule; a run already in flight completes but is no longer reported. Idempotent. */
    void cancel();

    boolean isCancelled();
}
