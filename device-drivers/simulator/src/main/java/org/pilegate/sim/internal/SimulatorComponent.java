package org.pilegate.sim.internal;

import static org.pilegate.device.config.InvalidConfigurationException.requireRange;
import static org.pilegate.device.config.InvalidConfigurationException.requireText;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.site.Phase;
import org.pilegate.api.site.PhaseCurrents;
import org.pilegate.device.config.InvalidConfigurationException;
import org.pilegate.device.profile.InvalidProfileException;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.sim.DepotSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated depot while configured to, and offers it as the {@link DepotSimulator} service only while it
 * runs, so that nothing mistakes a disabled simulator for an empty depot. A valid configuration change restarts it;
 * one with a wrong value is refused naming the PID, the key and why, and the running simulation goes on. Profiles
 * are looked up in {@code etc/profiles} first, then among the shipped ones.
 */
@Component(name = SimulatorComponent.PID, immediate = true)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    static final String PID = "org.pilegate.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final BundleContext context;
    private final SimulatedDepotDrivers drivers;
    private SimulatorConfig config;
    private Optional<Running> running = Optional.empty();

    /** A started simulation and its service registration, stopped together. */
    private record Running(Simulation simulation, ServiceRegistration<DepotSimulator> registration) {

        void stop() {
            registration.unregister();
            simulation.close();
        }
    }

    /** A first configuration with a wrong value fails the activation, with the same message an update gets. */
    @Activate
    public SimulatorComponent(BundleContext context, SimulatorConfig config,
            @Reference ConfigurationAdmin configurationAdmin) throws IOException {
        this.context = context;
        this.drivers = new SimulatedDepotDrivers(configurationAdmin);
        start(config, settingsOf(config));
        this.config = config;
    }

    /**
     * Checks the whole configuration before the running simulation stops, so a wrong value leaves it running. Should
     * the new simulation not start (a port taken), the last good one starts again and the update is refused.
     */
    @Modified
    synchronized void modified(SimulatorConfig next) throws IOException {
        Optional<SimulatorSettings> settings = settingsOf(next);
        stop();
        try {
            start(next, settings);
        } catch (IOException | InvalidProfileException e) {
            stop(); // in case it started, but its drivers could not be provisioned
            start(config, settingsOf(config));
            String keys = e instanceof IOException ? "host/basePort" : "meterProfile/relayProfile";
            throw new InvalidConfigurationException(PID, keys, "the simulation cannot start (" + e.getMessage()
                    + "); the previous one runs again");
        }
        config = next;
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    private void start(SimulatorConfig with, Optional<SimulatorSettings> settings) throws IOException {
        if (settings.isEmpty()) {
            LOG.info("Depot simulator disabled by configuration {}", PID);
            drivers.removeAll();
            return;
        }
        Simulation started = Simulation.start(settings.get());
        running = Optional.of(new Running(started,
                context.registerService(DepotSimulator.class, started, null)));
        if (with.provisionDrivers()) {
            drivers.provision(started, with.meterProfile(), with.relayProfile(), settings.get().wirings());
        } else {
            drivers.removeAll();
        }
    }

    private void stop() {
        running.ifPresent(Running::stop);
        running = Optional.empty();
    }

    /** The settings of an enabled simulator, every value checked; empty when disabled. */
    private Optional<SimulatorSettings> settingsOf(SimulatorConfig config) {
        if (!config.enabled()) {
            return Optional.empty();
        }
        String host = requireText(PID, "host", config.host());
        int basePort = requireRange(PID, "basePort", config.basePort(), 0, 0xFFFF);
        int pileCount = requireRange(PID, "pileCount", config.pileCount(), 1, Integer.MAX_VALUE);
        int pilesPerPort = requireRange(PID, "pilesPerPort", config.pilesPerPort(), 1, Depot.MAX_PILES_PER_PORT);
        int ports = (pileCount + pilesPerPort - 1) / pilesPerPort;
        if (basePort > 0 && basePort + ports - 1 > 0xFFFF) {
            throw new InvalidConfigurationException(PID, "basePort", pileCount + " piles at " + pilesPerPort
                    + " per port need ports " + basePort + ".." + (basePort + ports - 1) + ", beyond 65535");
        }
        int tickMs = requireRange(PID, "tickMs", config.tickMs(), 1, Integer.MAX_VALUE);
        if (!(config.chaosPercent() >= 0 && config.chaosPercent() <= 100)) {
            throw new InvalidConfigurationException(PID, "chaosPercent", "must be 0..100, not "
                    + config.chaosPercent());
        }
        ProfileCatalog profiles = ProfileCatalog.withOperatorProfiles(
                Optional.ofNullable(context.getProperty("karaf.etc")));
        int dayS = requireRange(PID, "baseLoadDayS", config.baseLoadDayS(), 1, Integer.MAX_VALUE);
        return Optional.of(new SimulatorSettings(host, basePort, pileCount, pilesPerPort,
                profile("meterProfile", config.meterProfile(), profiles::meter),
                profile("relayProfile", config.relayProfile(), profiles::relay),
                Duration.ofMillis(tickMs), config.autoPlug(), wirings(config.phaseRotations()),
                baseLoad(config.siteBaseLoadA()), Duration.ofSeconds(dayS), config.chaosPercent() / 100));
    }

    private static List<List<Phase>> wirings(String text) {
        List<List<Phase>> wirings = new ArrayList<>();
        for (String part : requireText(PID, "phaseRotations", text).split(",")) {
            try {
                wirings.add(Phase.sequence(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(PID, "phaseRotations", e.getMessage());
            }
            if (wirings.get(wirings.size() - 1).size() == 2) {
                throw new InvalidConfigurationException(PID, "phaseRotations", "a pile is wired to 1 or 3 phases, not"
                        + " '" + part.trim() + "'");
            }
        }
        return wirings;
    }

    private static Optional<PhaseCurrents> baseLoad(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(PhaseCurrents.parse(text));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(PID, "siteBaseLoadA", e.getMessage());
        }
    }

    private static <P> P profile(String key, String id, Function<String, P> lookup) {
        try {
            return lookup.apply(requireText(PID, key, id));
        } catch (InvalidProfileException e) {
            throw new InvalidConfigurationException(PID, key, e.getMessage());
        }
    }
}
