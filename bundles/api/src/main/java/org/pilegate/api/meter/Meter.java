package org.pilegate.api.meter;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * A pile's energy meter as the gateway sees it, whatever the device and bus behind it. Drivers register one
 * service per configured meter, with the meter's id in the service property {@value #ID_PROPERTY}; the service lives
 * in this bundle so that a driver bundle can be replaced without restarting its users.
 */
public interface Meter {

    String ID_PROPERTY = "pilegate.meter.id";

    /** The configured meter id, e.g. "bay-07.meter". */
    String id();

    /** The newest reading: STALE once the device stopped answering; empty before the first answer. */
    Optional<MeterReading> latest();

    /**
     * Calls {@code listener} with every new reading, on a driver thread; the listener must not block.
     *
     * @return closing it ends the subscription
     */
    AutoCloseable subscribe(Consumer<MeterReading> listener);
}
