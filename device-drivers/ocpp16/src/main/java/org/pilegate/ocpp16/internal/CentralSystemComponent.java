package org.pilegate.ocpp16.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.pilegate.api.ocpp.ChargePoint;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.pile.DepotControl;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.session.ReportedSessions;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.ocpp16.internal.rpc.FrameCodec;
import org.pilegate.ocpp16.internal.rpc.OcppSchemas;
import org.pilegate.routing.GatewayHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway as the central system of its OCPP 1.6J charge points: serves {@code /ocpp/<id>} on the gateway's HTTP
 * port, keeps the registry of charge points, and makes each connector a pile with a meter and a relay of its own.
 */
@Component(service = ChargePoints.class, configurationPid = CentralSystemComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = OcppConfig.class)
public class CentralSystemComponent implements ChargePoints {

    static final String PID = "org.pilegate.ocpp16";
    private static final Logger LOG = LoggerFactory.getLogger(CentralSystemComponent.class);
    private static final Duration DEFAULTS_EVERY = Duration.ofSeconds(30);

    private final BundleContext context;
    private final GatewayThreads threads;
    private volatile OcppSetup setup;
    private final JdbcChargePoints registry;
    private final JdbcTransactions transactions;
    private final PileProvisioning piles;
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper();
    private final CentralSystemCalls calls = new CentralSystemCalls(json);
    private final Map<ChargePointId, Attached> attached = new ConcurrentHashMap<>();
    private final ChargePointConnections connections;
    private final OperatorAvailability availability;
    private final ConnectionStart connectionStart;
    private final GatewayThreads.Scheduled refreshing;
    private final AutoCloseable followed;
    private final AutoCloseable served;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VehicleRegistry vehicles;
    private volatile ReportedSessions reportedSessions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DepotControl depot;
    private final TransactionBilling billing;

    /** A registered charge point with its connectors' services. */
    private record Attached(ChargePointLink link, ConnectorServices services) {
    }

    @Activate
    public CentralSystemComponent(BundleContext context, OcppConfig config,
            @Reference GatewayHttpServer http, @Reference GatewayThreads threads,
            @Reference(target = "(pilegate.store=main)") DataSource dataSource,
            @Reference ConfigurationAdmin configurationAdmin) {
        this.context = context;
        this.threads = threads;
        this.setup = OcppSetup.of(config);
        this.registry = new JdbcChargePoints(dataSource);
        this.transactions = new JdbcTransactions(dataSource);
        this.piles = new PileProvisioning(configurationAdmin);
        this.billing = new TransactionBilling(transactions, json, () -> Optional.ofNullable(reportedSessions));
        HandlerContext handlers = new HandlerContext(json, clock, transactions, this::knownTag,
                () -> setup.heartbeatIntervalS(), this::askForState, billing,
                () -> vehicles != null && reportedSessions != null);
        Map<String, CallHandler> all = new HashMap<>(CoreHandlers.of(handlers));
        all.putAll(TransactionHandlers.of(handlers));
        connections = new ChargePointConnections(new FrameCodec(json), new OcppSchemas(), all, threads, () -> setup,
                clock);
        registry.all().forEach(this::attach);
        availability = new OperatorAvailability(this::locate, calls);
        followed = availability.follow(context);
        DefaultProfiles defaults = new DefaultProfiles(calls, () -> setup, () -> Optional.ofNullable(depot));
        connectionStart = new ConnectionStart(threads, calls, availability, defaults, this::billOutstanding);
        // an operator's cap or site limit changed reaches idle connectors' default profiles within this
        refreshing = threads.every(DEFAULTS_EVERY, DEFAULTS_EVERY,
                () -> attached.values().forEach(a -> defaults.refresh(a.link())));
        served = http.serveWebSockets(OcppHandshake.PATH, new OcppHandshake(registry::authenticate,
                (id, socket) -> Optional.ofNullable(attached.get(id)).ifPresentOrElse(a -> {
                    connections.accept(a.link(), socket);
                    // a charge point that comes back without booting (the gateway restarted) is asked too
                    askForState(a.link());
                },
                        () -> socket.close((short) 1008, "charge point unregistered"))));
        LOG.info("OCPP 1.6J central system serving {} charge points at {}/<chargePointId>", attached.size(),
                OcppHandshake.PATH);
    }

    /**
     * A changed configuration applies in place: to the next boot, call, plug and connection; connected charge points
     * stay connected. A wrong value is refused as a whole (the framework logs why) and the last good one stays.
     */
    @Modified
    void modified(OcppConfig config) {
        setup = OcppSetup.of(config);
        LOG.info("OCPP central system reconfigured: {}", setup);
    }

    @Deactivate
    void deactivate() throws Exception {
        refreshing.cancel();
        served.close();
        followed.close();
        attached.values().forEach(a -> detach(a, "the central system stops"));
        attached.clear();
    }

    @Override
    public String add(ChargePointId id, int connectors) {
        ChargePoints.checkConnectors(connectors);
        String password = registry.put(id, connectors, clock.instant());
        Attached previous = attached.remove(id);
        if (previous != null) {
            detach(previous, "registered again with a new password");
            previous.link().connectors().stream().skip(connectors).forEach(c -> piles.remove(c.pile()));
        }
        attach(new JdbcChargePoints.Registered(id, connectors, clock.instant()));
        LOG.info("Charge point {} registered with {} connector(s)", id, connectors);
        return password;
    }

    @Override
    public boolean remove(ChargePointId id) {
        boolean known = registry.delete(id);
        Attached gone = attached.remove(id);
        if (gone != null) {
            detach(gone, "unregistered");
            gone.link().connectors().forEach(c -> piles.remove(c.pile()));
        }
        return known;
    }

    @Override
    public List<ChargePoint> list() {
        List<ChargePoint> all = new ArrayList<>();
        for (JdbcChargePoints.Registered registered : registry.all()) {
            Optional<ChargePointLink> link = Optional.ofNullable(attached.get(registered.id())).map(Attached::link);
            all.add(new ChargePoint(registered.id(), registered.connectors(), registered.addedAt(),
                    link.map(ChargePointLink::isConnected).orElse(false),
                    link.flatMap(ChargePointLink::lastSeen)));
        }
        return all;
    }

    @Override
    public CompletionStage<String> call(ChargePointId id, String action, String payloadJson) {
        Attached target = attached.get(id);
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no charge point " + id));
        }
        JsonNode payload;
        try {
            payload = json.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the payload is not JSON: "
                    + e.getOriginalMessage()));
        }
        if (!(payload instanceof ObjectNode object)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the payload is not a JSON object"));
        }
        try {
            return target.link().call(action, object).thenApply(ObjectNode::toString);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void attach(JdbcChargePoints.Registered registered) {
        List<Connector> connectors = new ArrayList<>();
        for (int n = 1; n <= registered.connectors(); n++) {
            connectors.add(new Connector(registered.id().pile(n), n, clock, () -> setup.identifyWait()));
        }
        ChargePointLink link = new ChargePointLink(registered.id(), connectors, threads);
        // a transaction running when the gateway stopped goes on: its pile finds the contactor closed
        for (JdbcTransactions.Open open : transactions.open(registered.id())) {
            link.connector(open.connectorId()).ifPresent(c -> c.resume(open.transactionId(), open.idTag(),
                    open.released()));
        }
        List<ConnectorRelay> relays = connectors.stream()
                .map(c -> new ConnectorRelay(c, link, calls, threads, () -> setup,
                        transactions::billedBySession, (transaction, registerWh) -> transactions.released(
                                transaction, registerWh, clock.instant()), RemoteStop.Backoff.DEFAULT)).toList();
        List<ConnectorMeter> meters = connectors.stream().map(ConnectorMeter::new).toList();
        attached.put(registered.id(), new Attached(link, new ConnectorServices(context, relays, meters)));
        connectors.forEach(c -> piles.put(c.pile()));
    }

    /** The sessions that bill transactions charge points ran on their own; what waited for them is billed now. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindReportedSessions(ReportedSessions bound) {
        reportedSessions = bound;
        threads.workers().execute(this::billOutstanding);
    }

    void unbindReportedSessions(ReportedSessions unbound) {
        if (reportedSessions == unbound) {
            reportedSessions = null;
        }
    }

    private void billOutstanding() {
        registry.all().forEach(registered -> billOutstanding(registered.id()));
    }

    private void billOutstanding(ChargePointId id) {
        try {
            billing.billOutstanding(id);
        } catch (RuntimeException e) {
            LOG.warn("{}: billing its transactions failed; trying again on its next connection", id, e);
        }
    }

    private Optional<OperatorAvailability.Place> locate(PileId pile) {
        return attached.values().stream().map(Attached::link)
                .flatMap(link -> link.connectors().stream().filter(c -> c.pile().equals(pile))
                        .map(c -> new OperatorAvailability.Place(link, c)))
                .findFirst();
    }

    private static void detach(Attached attachedPoint, String reason) {
        attachedPoint.link().close(reason);
        attachedPoint.services().close();
    }

    private boolean knownTag(String idTag) {
        if (CentralSystemCalls.GATEWAY_ID_TAG.equals(idTag)) {
            return false;
        }
        VehicleRegistry current = vehicles;
        try {
            return current != null && current.accountOf(new VehicleId(idTag)).isPresent();
        } catch (IllegalArgumentException notAVehicleId) {
            return false;
        }
    }

    private void askForState(ChargePointLink link) {
        connectionStart.accept(link);
    }
}
