package org.pilegate.modbus;

/**
 * Receives the outcome of every run of a scheduled read. Called on a transport thread, never concurrently for
 * the same poll; anything thrown here is logged and ignored so the schedule keeps running.
 */
public interface PollCallback {

    /** A {@link RegisterBlock} for register functions, a {@link BitBlock} for bit functions. */
    void onData(DataBlock data);

    void onFailure(ModbusException error);
}
