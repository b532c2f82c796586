package org.pilegate.pile.internal;

import java.util.Optional;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.relay.Relay;

/** The depot's running meters and relays, from the drivers' services, for the piles to follow by id. */
@Component(service = Devices.class)
public class DeviceDirectory implements Devices {

    private final DeviceIndex<Meter> meters = new DeviceIndex<>("meter", Meter::id);
    private final DeviceIndex<Relay> relays = new DeviceIndex<>("relay", Relay::id);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMeter(Meter meter) {
        meters.added(meter);
    }

    void removeMeter(Meter meter) {
        meters.removed(meter);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRelay(Relay relay) {
        relays.added(relay);
    }

    void removeRelay(Relay relay) {
        relays.removed(relay);
    }

    @Override
    public AutoCloseable followMeter(String meterId, Function<Meter, AutoCloseable> subscribe) {
        return meters.follow(meterId, subscribe);
    }

    @Override
    public AutoCloseable followRelay(String relayId, Function<Relay, AutoCloseable> subscribe) {
        return relays.follow(relayId, subscribe);
    }

    @Override
    public Optional<Relay> relay(String relayId) {
        return relays.device(relayId);
    }
}
