package org.pilegate.opcua.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.pile.PileController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OPC UA server while the bundle is active, showing every pile controller and meter as they come and go,
 * and following pile configurations that change their meter.
 * The operator services are optional: without them the server still serves values, and the methods that need them
 * answer BadResourceUnavailable.
 */
@Component(configurationPid = ServerSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = ConfigurationListener.class, immediate = true)
@Designate(ocd = OpcUaConfig.class)
public class OpcUaServerComponent implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaServerComponent.class);
    /** The pile controllers' factory PID, whose configurations name each pile's meter. */
    private static final String PILE_PID = "org.pilegate.pile";
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(10);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DepotControl depotControl;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionDirectory sessionDirectory;

    private final ConfigurationAdmin configurationAdmin;
    private final SiteServer server;

    @Activate
    public OpcUaServerComponent(BundleContext context, OpcUaConfig config, @Reference ConfigurationAdmin
            configurationAdmin) throws IOException, GeneralSecurityException, InterruptedException {
        this.configurationAdmin = configurationAdmin;
        ServerSettings settings = ServerSettings.from(config,
                Path.of(context.getProperty("karaf.etc") == null ? "etc" : context.getProperty("karaf.etc")));
        DepotActions actions = new DepotActions(() -> Optional.ofNullable(depotControl),
                () -> Optional.ofNullable(sessionDirectory), ACTION_TIMEOUT);
        server = SiteServer.start(settings, actions, this::meterOf, Clock.systemDefaultZone(),
                context.getBundle().getVersion().toString());
        if (settings.users().isEmpty()) {
            LOG.warn("No OPC UA user is configured in {}: nobody can write or call methods; create one with"
                    + " pilegate:opcua-user", ServerSettings.PID);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        server.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removePile")
    void addPile(PileController pile) {
        server.namespace().addPile(pile);
    }

    void removePile(PileController pile) {
        server.namespace().removePile(pile);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeMeter")
    void addMeter(Meter meter) {
        server.namespace().addMeter(meter);
    }

    void removeMeter(Meter meter) {
        server.namespace().removeMeter(meter);
    }

    /** A pile configuration changed in place may name another meter. */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (PILE_PID.equals(event.getFactoryPid())) {
            server.namespace().refreshMeters();
        }
    }

    /** The meter the pile's configuration names; the controller's service does not carry it. */
    private Optional<String> meterOf(PileId pile) {
        String filter = "(&(service.factoryPid=" + PILE_PID + ")(id=" + pile.value() + "))";
        try {
            Configuration[] configurations = configurationAdmin.listConfigurations(filter);
            if (configurations == null || configurations.length == 0 || configurations[0].getProperties() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(configurations[0].getProperties().get("meter")).map(String::valueOf);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("The configuration of pile {} could not be read: its meter is not shown over OPC UA", pile, e);
            return Optional.empty();
        }
    }
}
