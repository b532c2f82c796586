package org.pilegate.sim.internal;

/**
 * Told when a relay answered a poller what it needs to see the pile's plug as it is now: for a benchmark that times
 * a gateway's detection of a vehicle against the moment its driver could first have known.
 */
@FunctionalInterface
interface PlugWatch {

    PlugWatch NONE = (pileIndex, vehiclePresent) -> {
    };

    /**
     * A read of pile {@code pileIndex}'s relay answered the vehicle's id block while a vehicle is plugged in (its plug
     * state, if the profile has no id block), or the plug state while none is. Called on the Modbus server's thread
     * before the answer goes out, once per such read: must return at once.
     */
    void relayAnswered(int pileIndex, boolean vehiclePresent);
}
