package org.pilegate.ocpp16.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.pile.PileId;

/**
 * The pile configuration of each connector, joining its meter and relay as for any other pile, so the pile
 * controllers run OCPP connectors as they run Modbus piles. Named after the pile and tagged {@value #TAG}; an
 * operator may edit them (current, phases, grace) and the edit stays.
 */
final class PileProvisioning {

    static final String PILE_PID = "org.pilegate.pile";
    static final String TAG = "pilegate.ocpp";
    /**
     * How long a connector's pile waits for a charge point that lost its connection before it faults: chargers
     * reconnect with a back-off of their own, and one back within it resumes its transaction as if nothing happened.
     */
    static final int GRACE_MS = 60_000;

    private final ConfigurationAdmin configurationAdmin;

    PileProvisioning(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    void put(PileId pile) {
        try {
            Configuration configuration = configurationAdmin.getFactoryConfiguration(PILE_PID, pile.value(), "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            properties.put("id", pile.value());
            properties.put("meter", pile.value() + ".meter");
            properties.put("relay", pile.value() + ".relay");
            if (properties.get("graceMs") == null) {
                properties.put("graceMs", GRACE_MS);
            }
            properties.put(TAG, true);
            configuration.updateIfDifferent(properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure pile " + pile, e);
        }
    }

    void remove(PileId pile) {
        try {
            configurationAdmin.getFactoryConfiguration(PILE_PID, pile.value(), "?").delete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the configuration of pile " + pile, e);
        }
    }
}
