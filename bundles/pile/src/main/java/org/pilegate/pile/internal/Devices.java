package org.pilegate.pile.internal;

import java.util.Optional;
import java.util.function.Function;

import org.pilegate.api.meter.Meter;
import org.pilegate.api.relay.Relay;

/**
 * What a pile needs to find its devices: the meter and the relay with its configured ids, followed while their drivers
 * come and go, so that a driver bundle being replaced does not restart the pile.
 */
public interface Devices {

    /**
     * Subscribes to the meter with the id whenever there is one, now or later, until the returned handle is closed.
     *
     * @param subscribe called with each meter of that id that appears; what it returns is closed when that meter goes
     */
    AutoCloseable followMeter(String meterId, Function<Meter, AutoCloseable> subscribe);

    /** As {@link #followMeter}, for the relay with the id. */
    AutoCloseable followRelay(String relayId, Function<Relay, AutoCloseable> subscribe);

    /** The relay with the id, if its driver runs now. */
    Optional<Relay> relay(String relayId);
}
