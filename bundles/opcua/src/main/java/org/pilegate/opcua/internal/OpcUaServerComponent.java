package org.pilegate.opcua.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.time.SteadyClock;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OPC UA server while the bundle is active, showing every pile controller and meter as they come and go,
 * and following piles reconfigured in place to another meter (the meter a pile's service names).
 * The operator services are optional: without them the server still serves values, and the methods that need them
 * answer BadResourceUnavailable.
 * <p>
 * A changed configuration restarts the server on the new settings. One with a wrong value is refused naming the PID,
 * the key and why, and the running server goes on; so does it, restarted on its last good settings, when the new
 * ones cannot start (a port taken, a certificate folder not writable). A first configuration with a wrong value
 * fails the activation with the same message: there is no good configuration to fall back on.
 * <p>
 * Milo takes seconds to start, so the first start runs on a shared worker and the rest of the gateway does not wait
 * for it; a first start that cannot listen is logged with the reason.
 */
@Component(configurationPid = ServerSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = {}, immediate = true)
@Designate(ocd = OpcUaConfig.class)
public class OpcUaServerComponent {

    private static final Logger LOG = LoggerFactory.getLogger(OpcUaServerComponent.class);
    private static final Duration ACTION_TIMEOUT = Duration.ofSeconds(10);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DepotControl depotControl;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SessionDirectory sessionDirectory;

    private final Path etc;
    private final String version;
    private final DepotActions actions;
    /** The piles and meters the server shows, kept here to show them again after a restart. */
    private final Set<PileController> piles = ConcurrentHashMap.newKeySet();
    /** The meter each pile's service names, by pile. */
    private final Map<PileId, String> meterOfPile = new ConcurrentHashMap<>();
    private final Set<Meter> meters = ConcurrentHashMap.newKeySet();
    private final GatewayThreads threads;
    private ServerSettings settings;
    /** Null until the first start has finished, and after a start that failed. */
    private SiteServer server;
    private final CompletableFuture<Void> firstStart;

    @Activate
    public OpcUaServerComponent(BundleContext context, OpcUaConfig config, @Reference GatewayThreads threads)
            throws IOException, GeneralSecurityException, InterruptedException {
        this.threads = threads;
        this.etc = Path.of(context.getProperty("karaf.etc") == null ? "etc" : context.getProperty("karaf.etc"));
        this.version = context.getBundle().getVersion().toString();
        this.actions = new DepotActions(() -> Optional.ofNullable(depotControl),
                () -> Optional.ofNullable(sessionDirectory), ACTION_TIMEOUT);
        this.settings = ServerSettings.from(config, etc);
        this.firstStart = CompletableFuture.runAsync(this::startFirst, threads.workers());
    }

    private void startFirst() {
        ServerSettings first;
        synchronized (this) {
            first = settings;
        }
        try {
            SiteServer started = launch(first);
            synchronized (this) {
                server = started;
                shown(started, first);
            }
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("configuration {}: bindAddress/port/certificateDir: the OPC UA server cannot start on them: {}",
                    ServerSettings.PID, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refuses a wrong value before the running server stops; see the class comment. */
    @Modified
    void modified(OpcUaConfig config) throws IOException, GeneralSecurityException, InterruptedException {
        ServerSettings next = ServerSettings.from(config, etc);
        firstStart.join();
        restart(next);
    }

    private synchronized void restart(ServerSettings next) throws IOException, GeneralSecurityException,
            InterruptedException {
        if (server != null) {
            server.close();
        }
        try {
            server = start(next);
        } catch (IOException | GeneralSecurityException e) {
            server = start(settings);
            throw new IllegalArgumentException("configuration " + ServerSettings.PID + ": bindAddress/port/"
                    + "certificateDir: the server cannot start on them (" + e.getMessage() + "); it runs again on"
                    + " port " + settings.port(), e);
        }
        settings = next;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        firstStart.join();
        synchronized (this) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removePile", updated = "updatedPile")
    synchronized void addPile(PileController pile, Map<String, Object> properties) {
        noteMeter(pile, properties);
        piles.add(pile);
        if (server != null) {
            server.namespace().addPile(pile);
        }
    }

    /** A pile reconfigured in place may name another meter. */
    synchronized void updatedPile(PileController pile, Map<String, Object> properties) {
        if (noteMeter(pile, properties) && server != null) {
            server.namespace().refreshMeters();
        }
    }

    synchronized void removePile(PileController pile) {
        piles.remove(pile);
        if (server != null) {
            server.namespace().removePile(pile);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            unbind = "removeMeter")
    synchronized void addMeter(Meter meter) {
        meters.add(meter);
        if (server != null) {
            server.namespace().addMeter(meter);
        }
    }

    synchronized void removeMeter(Meter meter) {
        meters.remove(meter);
        if (server != null) {
            server.namespace().removeMeter(meter);
        }
    }

    private SiteServer start(ServerSettings with) throws IOException, GeneralSecurityException,
            InterruptedException {
        SiteServer started = launch(with);
        shown(started, with);
        return started;
    }

    private SiteServer launch(ServerSettings with) throws IOException, GeneralSecurityException,
            InterruptedException {
        // steady, as the sessions' times it is compared with; "today" in the system's zone
        return SiteServer.start(with, actions, this::meterOf, SteadyClock.system().withZone(ZoneId.systemDefault()),
                threads, version);
    }

    /** The server shows every pile and meter there is now; the ones that come later are added as they come. */
    private void shown(SiteServer started, ServerSettings with) {
        piles.forEach(started.namespace()::addPile);
        meters.forEach(started.namespace()::addMeter);
        if (with.users().isEmpty()) {
            LOG.warn("No OPC UA user is configured in {}: nobody can write or call methods; create one with"
                    + " pilegate:opcua-user", ServerSettings.PID);
        }
    }

    /** Takes the meter the pile's service names; whether it changed. */
    private boolean noteMeter(PileController pile, Map<String, Object> properties) {
        Object meter = properties.get(PileController.METER_PROPERTY);
        String previous = meter == null ? meterOfPile.remove(pile.id()) : meterOfPile.put(pile.id(), meter.toString());
        return !Objects.equals(previous, meter == null ? null : meter.toString());
    }

    private Optional<String> meterOf(PileId pile) {
        return Optional.ofNullable(meterOfPile.get(pile));
    }
}
