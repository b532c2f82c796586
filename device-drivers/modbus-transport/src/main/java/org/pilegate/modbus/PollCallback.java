package org.pilegate.modbus;

/**
 * Receives the outcome of every run of a scheduled read. Called on a transport thread, never concurrently for
 * the same poll; anything thrown here is logged and ignored so the schedule keeps running.
 */
public interface PollCallback {

    /**
     * A {@link RegisterBlock} for register functions, a {@link BitBlock} for bit functions.
     *
     * @param queuedNanos {@link System#nanoTime()} when this run of the read was queued: the device was asked no
     *            earlier, so the data tells nothing about the device before then. A run is queued only after the
     *            previous run's outcome was delivered.
     */
    void onData(DataBlock data, long queuedNanos);

    void onFailure(ModbusException error);
}
