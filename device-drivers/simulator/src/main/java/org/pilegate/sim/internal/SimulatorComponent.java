package org.pilegate.sim.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.sim.DepotSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulated depot while configured to, and offers it as the {@link DepotSimulator} service only while it
 * runs, so that nothing mistakes a disabled simulator for an empty depot. A configuration change restarts it.
 * Profiles are looked up in {@code etc/profiles} first, then among the shipped ones.
 */
@Component(name = SimulatorComponent.PID, immediate = true)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    static final String PID = "org.pilegate.sim";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final Optional<Simulation> simulation;
    private final Optional<ServiceRegistration<DepotSimulator>> registration;

    @Activate
    public SimulatorComponent(BundleContext context, SimulatorConfig config,
            @Reference ConfigurationAdmin configurationAdmin) throws IOException {
        SimulatedDepotDrivers drivers = new SimulatedDepotDrivers(configurationAdmin);
        if (!config.enabled()) {
            LOG.info("Depot simulator disabled by configuration {}", PID);
            simulation = Optional.empty();
            registration = Optional.empty();
            drivers.removeAll();
            return;
        }
        ProfileCatalog profiles = ProfileCatalog.withOperatorProfiles(
                Optional.ofNullable(context.getProperty("karaf.etc")));
        Simulation started = Simulation.start(new SimulatorSettings(config.host(), config.basePort(),
                config.pileCount(), config.pilesPerPort(), profiles.meter(config.meterProfile()),
                profiles.relay(config.relayProfile()), Duration.ofMillis(config.tickMs()), config.autoPlug()));
        simulation = Optional.of(started);
        registration = Optional.of(context.registerService(DepotSimulator.class, started, null));
        if (config.provisionDrivers()) {
            drivers.provision(started, config.meterProfile(), config.relayProfile());
        } else {
            drivers.removeAll();
        }
    }

    @Deactivate
    void deactivate() {
        registration.ifPresent(ServiceRegistration::unregister);
        simulation.ifPresent(Simulation::close);
    }
}
