package org.pilegate.ocpp16.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.relay.Relay;

/** A charge point's connectors as Meter and Relay services, which their piles follow by id. */
final class ConnectorServices implements AutoCloseable {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    ConnectorServices(BundleContext context, List<ConnectorRelay> relays, List<ConnectorMeter> meters) {
        for (ConnectorMeter meter : meters) {
            registrations.add(context.registerService(Meter.class, meter, property(Meter.ID_PROPERTY, meter.id())));
        }
        for (ConnectorRelay relay : relays) {
            registrations.add(context.registerService(Relay.class, relay, property(Relay.ID_PROPERTY, relay.id())));
        }
    }

    @Override
    public void close() {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle stopped first
            }
        }
    }

    private static Dictionary<String, Object> property(String key, String value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }
}
