package org.pilegate.sim.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.site.Phase;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.PileAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one meter and one relay driver configuration, and the pile configuration joining them, per simulated
 * pile, and a meter configuration for the site meter if there is one, so that the simulated depot runs through the
 * same drivers and pile controllers as real hardware, each pile wired to the phases it draws on. The configurations
 * are named after the pile ({@code sim-07}) and tagged {@value #SIMULATED}, which is how surplus ones are found and
 * removed; configurations an operator wrote are never touched.
 */
final class SimulatedDepotDrivers {

    static final String METER_PID = "org.pilegate.meter.modbus";
    static final String RELAY_PID = "org.pilegate.relay.modbus";
    static final String PILE_PID = "org.pilegate.pile";
    static final String SIMULATED = "pilegate.simulated";
    private static final String SIMULATED_FILTER = "(" + SIMULATED + "=true)";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedDepotDrivers.class);

    /** The configurations' name of the site meter (its driver's id is sim-site.meter). */
    static final String SITE = "sim-site";

    private final ConfigurationAdmin configurationAdmin;

    SimulatedDepotDrivers(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /** Name of simulated pile {@code index}: sim-01, sim-02, … (wider when there are 100 or more). */
    static String pileName(int index, int pileCount) {
        int width = Math.max(2, Integer.toString(pileCount).length());
        return String.format("sim-%0" + width + "d", index + 1);
    }

    /** @param wirings the site's phases of pile 1, 2, 3, …, repeated over the piles */
    void provision(DepotSimulator depot, String meterProfile, String relayProfile, List<List<Phase>> wirings)
            throws IOException {
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < depot.pileCount(); i++) {
            String pile = pileName(i, depot.pileCount());
            PileAddress address = depot.address(i);
            wanted.add(putDevice(METER_PID, pile, pile + ".meter", address, address.meterUnitId(), meterProfile));
            wanted.add(putDevice(RELAY_PID, pile, pile + ".relay", address, address.relayUnitId(), relayProfile));
            wanted.add(putPile(pile, wirings.get(i % wirings.size())));
        }
        if (depot.siteMeterUnitId().isPresent()) {
            wanted.add(putDevice(METER_PID, SITE, SITE + ".meter", depot.address(0),
                    depot.siteMeterUnitId().getAsInt(), meterProfile));
        }
        int removed = removeSimulated(wanted);
        LOG.info("Simulated depot: driver configurations for {} piles in place ({} surplus removed)",
                depot.pileCount(), removed);
    }

    void removeAll() throws IOException {
        int removed = removeSimulated(Set.of());
        if (removed > 0) {
            LOG.info("Simulator disabled: {} simulated driver configurations removed", removed);
        }
    }

    private String putDevice(String factoryPid, String pile, String deviceId, PileAddress address, int unitId,
            String profile) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("id", deviceId);
        properties.put("host", address.host());
        properties.put("port", address.port());
        properties.put("unitId", unitId);
        properties.put("profile", profile);
        return put(factoryPid, pile, properties);
    }

    private String putPile(String pile, List<Phase> wiring) throws IOException {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("id", pile);
        properties.put("meter", pile + ".meter");
        properties.put("relay", pile + ".relay");
        properties.put("phases", wiring.size());
        properties.put("phaseRotation", wiring.stream().map(Phase::name).collect(Collectors.joining()));
        return put(PILE_PID, pile, properties);
    }

    /** Writes the named factory configuration, tagged as simulated; unchanged ones are left alone. */
    private String put(String factoryPid, String pile, Dictionary<String, Object> properties) throws IOException {
        Configuration configuration = configurationAdmin.getFactoryConfiguration(factoryPid, pile, "?");
        properties.put(SIMULATED, true);
        configuration.updateIfDifferent(properties);
        return configuration.getPid();
    }

    private int removeSimulated(Set<String> keep) throws IOException {
        Configuration[] simulated;
        try {
            simulated = configurationAdmin.listConfigurations(SIMULATED_FILTER);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("filter " + SIMULATED_FILTER, e);
        }
        int removed = 0;
        for (Configuration configuration : simulated == null ? new Configuration[0] : simulated) {
            if (!keep.contains(configuration.getPid())) {
                configuration.delete();
                removed++;
            }
        }
        return removed;
    }
}
