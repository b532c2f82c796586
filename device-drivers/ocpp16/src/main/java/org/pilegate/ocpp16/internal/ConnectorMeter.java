package org.pilegate.ocpp16.internal;

import java.util.Optional;
import java.util.function.Consumer;

import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;

/** A connector's energy meter, read from what its charge point reports. */
final class ConnectorMeter implements Meter {

    private final String id;
    private final Connector connector;

    ConnectorMeter(Connector connector) {
        this.id = connector.pile().value() + ".meter";
        this.connector = connector;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Optional<MeterReading> latest() {
        return connector.reading();
    }

    @Override
    public AutoCloseable subscribe(Consumer<MeterReading> listener) {
        return connector.onMeter(listener);
    }
}
