package org.pilegate.opcua.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.core.ValueRanks;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.DataItem;
import org.eclipse.milo.opcua.sdk.server.api.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.api.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.api.services.AttributeServices.WriteContext;
import org.eclipse.milo.opcua.sdk.server.model.nodes.variables.AnalogItemTypeNode;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeContext;
import org.eclipse.milo.opcua.sdk.server.nodes.AttributeObserver;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaMethodNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.AttributeId;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.structured.Argument;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.ReadValueId;
import org.eclipse.milo.opcua.stack.core.types.structured.WriteValue;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.work.GatewayThreads;
import org.pilegate.api.work.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depot in OPC UA: {@code Site} under Objects with the site's totals and the operator methods, {@code Piles}
 * below it with one {@code Pile_<id>} object per pile controller and a {@code Meter} object in each.
 * <p>
 * Values come from the pile controllers' status events and the meters' readings, never from polling a device:
 * each change is set on its node, and the node pushes it to the monitored items on it. All changes happen in order
 * on the namespace's lane, so the controllers' and drivers' threads never wait for OPC UA.
 */
final class SiteNamespace extends ManagedNamespaceWithLifecycle {

    static final String URI = "urn:pilegate:opcua:site";
    private static final Logger LOG = LoggerFactory.getLogger(SiteNamespace.class);
    /** How often session times, the day's energy and the site's limit are brought up to date without events. */
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final DataValue WAITING = new DataValue(new StatusCode(StatusCodes.Bad_WaitingForInitialData));

    /** Carries out a write by an operator. */
    @FunctionalInterface
    private interface WriteTarget {
        void write(ClientIdentity.Operator operator, Object value) throws UaException;
    }

    /** Where a session's energy and time count from. */
    private record SessionStart(SessionId id, long registerWh, Instant at) {
    }

    /** One pile in the address space; its mutable fields are touched on the update thread only. */
    private static final class PileView {
        private final PileController controller;
        private final UaObjectNode object;
        private Optional<String> meterId;
        private final Map<PileVariable, UaVariableNode> nodes = new EnumMap<>(PileVariable.class);
        private AutoCloseable subscription = () -> { };
        private AutoCloseable meterSubscription = () -> { };
        private volatile PileStatus status;
        private Optional<SessionStart> session = Optional.empty();

        private PileView(PileController controller, UaObjectNode object, Optional<String> meterId) {
            this.controller = controller;
            this.object = object;
            this.meterId = meterId;
            this.status = controller.status();
        }
    }

    private final DepotActions actions;
    private final Function<PileId, Optional<String>> meterOfPile;
    private final Clock clock;
    private final EnergyToday energyToday;
    /** Every change of the address space, in order, on the gateway's shared threads. */
    private final Lane updates;
    private volatile GatewayThreads.Scheduled ticking;
    private volatile boolean stopped;
    private final Map<NodeId, List<DataItem>> monitored = new ConcurrentHashMap<>();
    private final Map<NodeId, WriteTarget> writable = new ConcurrentHashMap<>();
    private final Map<PileId, PileView> piles = new ConcurrentHashMap<>();
    private final AtomicBoolean siteRefreshQueued = new AtomicBoolean();
    private final Map<String, Meter> meters = new HashMap<>();
    private final AttributeObserver pushToMonitoredItems = (node, attributeId, value) -> push(node.getNodeId());

    private UaObjectNode site;
    private UaFolderNode pilesFolder;
    private UaVariableNode totalPower;
    private UaVariableNode energyTodayNode;
    private UaVariableNode gridLimit;
    private UaVariableNode pileCount;
    private UaVariableNode health;
    private UaVariableNode plannedPower;
    private UaVariableNode planSlots;

    /**
     * @param meterOfPile the id of the meter a pile's configuration names
     */
    SiteNamespace(OpcUaServer server, DepotActions actions, Function<PileId, Optional<String>> meterOfPile,
            Clock clock, GatewayThreads threads) {
        super(server, URI);
        this.actions = actions;
        this.meterOfPile = meterOfPile;
        this.clock = clock;
        this.energyToday = new EnergyToday(clock.getZone());
        this.updates = new Lane(threads.workers());
        getLifecycleManager().addStartupTask(() -> {
            createSite();
            ticking = threads.every(TICK, TICK, () -> submit("tick", this::tick));
        });
        getLifecycleManager().addShutdownTask(this::stopUpdates);
    }

    /** Shows a pile controller that came up. */
    void addPile(PileController controller) {
        submit("adding pile " + controller.id(), () -> attachPile(controller));
    }

    /** Removes a pile controller that went away, with its nodes. */
    void removePile(PileController controller) {
        submit("removing pile " + controller.id(), () -> detachPile(controller));
    }

    /** Follows the piles' configurations when they name other meters. */
    void refreshMeters() {
        submit("refreshing the piles' meters", () -> piles.values().forEach(view -> {
            Optional<String> meterId = meterOfPile.apply(view.controller.id());
            if (!meterId.equals(view.meterId)) {
                detachMeter(view);
                view.meterId = meterId;
                set(view, PileVariable.METER_ID, meterId.orElse(""), DateTime.now());
                meterId.map(meters::get).ifPresent(meter -> attachMeter(view, meter));
            }
        }));
    }

    void addMeter(Meter meter) {
        submit("adding meter " + meter.id(), () -> {
            meters.put(meter.id(), meter);
            piles.values().stream().filter(view -> view.meterId.equals(Optional.of(meter.id())))
                    .forEach(view -> attachMeter(view, meter));
        });
    }

    void removeMeter(Meter meter) {
        submit("removing meter " + meter.id(), () -> {
            if (meters.remove(meter.id(), meter)) {
                piles.values().stream().filter(view -> view.meterId.equals(Optional.of(meter.id())))
                        .forEach(this::detachMeter);
            }
        });
    }

    // ---- monitored items: values are pushed when they change, so the sampling interval has nothing to drive

    @Override
    public void onDataItemsCreated(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.computeIfAbsent(item.getReadValueId().getNodeId(), id -> new CopyOnWriteArrayList<>())
                    .add(item);
            sample(item);
        }
    }

    @Override
    public void onDataItemsModified(List<DataItem> items) {
        // nothing is sampled periodically: a new sampling interval changes nothing
    }

    @Override
    public void onDataItemsDeleted(List<DataItem> items) {
        for (DataItem item : items) {
            monitored.computeIfPresent(item.getReadValueId().getNodeId(), (id, list) -> {
                list.remove(item);
                return list.isEmpty() ? null : list;
            });
        }
    }

    @Override
    public void onMonitoringModeChanged(List<MonitoredItem> items) {
        for (MonitoredItem item : items) {
            if (item instanceof DataItem dataItem && dataItem.isSamplingEnabled()) {
                sample(dataItem);
            }
        }
    }

    private void push(NodeId nodeId) {
        for (DataItem item : monitored.getOrDefault(nodeId, List.of())) {
            if (item.isSamplingEnabled()) {
                sample(item);
            }
        }
    }

    private void sample(DataItem item) {
        ReadValueId id = item.getReadValueId();
        Optional<UaNode> node = getNodeManager().getNode(id.getNodeId());
        item.setValue(node.map(n -> n.readAttribute(new AttributeContext(getServer(), item.getSession()),
                        id.getAttributeId(), item.getTimestampsToReturn(), id.getIndexRange(), id.getDataEncoding()))
                .orElseGet(() -> new DataValue(new StatusCode(StatusCodes.Bad_NodeIdUnknown))));
    }

    // ---- writes: only the variables registered as writable, only by operators

    @Override
    public void write(WriteContext context, List<WriteValue> writeValues) {
        ClientIdentity identity = ClientIdentity.of(context.getSession());
        List<StatusCode> results = new ArrayList<>(writeValues.size());
        for (WriteValue writeValue : writeValues) {
            results.add(new StatusCode(write(identity, writeValue)));
        }
        context.success(results);
    }

    private long write(ClientIdentity identity, WriteValue writeValue) {
        if (!getNodeManager().containsNode(writeValue.getNodeId())) {
            return StatusCodes.Bad_NodeIdUnknown;
        }
        WriteTarget target = writable.get(writeValue.getNodeId());
        if (target == null || !AttributeId.Value.isEqual(writeValue.getAttributeId())) {
            return StatusCodes.Bad_NotWritable;
        }
        if (writeValue.getIndexRange() != null && !writeValue.getIndexRange().isEmpty()) {
            return StatusCodes.Bad_IndexRangeInvalid;
        }
        if (!(identity instanceof ClientIdentity.Operator operator)) {
            return StatusCodes.Bad_UserAccessDenied;
        }
        try {
            target.write(operator, writeValue.getValue().getValue().getValue());
            LOG.info("OPC UA user {} wrote {} to {}", operator.name(), writeValue.getValue().getValue().getValue(),
                    writeValue.getNodeId().getIdentifier());
            return StatusCode.GOOD.getValue();
        } catch (UaException e) {
            LOG.info("OPC UA write by {} to {} refused: {}", operator.name(), writeValue.getNodeId().getIdentifier(),
                    e.getMessage());
            return e.getStatusCode().getValue();
        }
    }

    // ---- building the address space

    private void createSite() {
        site = object("Site", "Site", "The charging depot this gateway runs.");
        site.addReference(new Reference(site.getNodeId(), Identifiers.Organizes, Identifiers.ObjectsFolder.expanded(),
                false));

        totalPower = analog(site, "TotalPowerW", Identifiers.Int64, Units.WATT,
                "Active power all piles deliver together.");
        energyTodayNode = analog(site, "EnergyTodayWh", Identifiers.Int64, Units.WATT_HOUR, "Energy all piles"
                + " delivered since local midnight; after a restart of the gateway it counts from the piles' first"
                + " readings.");
        gridLimit = analog(site, "GridLimitW", Identifiers.Int64, Units.WATT, "The most power the piles may draw"
                + " together; null when not limited. Operators may write it: a value of 0 or more limits, null lifts"
                + " the limit.");
        makeWritable(gridLimit, (operator, value) -> {
            if (value != null && !(value instanceof Long)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "GridLimitW is an Int64 or null");
            }
            actions.limitSitePower(value == null ? OptionalLong.empty() : OptionalLong.of((Long) value));
            refreshSiteSoon();
        });
        pileCount = plain(site, "PileCount", Identifiers.UInt32, "How many piles the gateway runs.");
        health = plain(site, "Health", Identifiers.String, "Good when every pile's meter and relay have answered and"
                + " no pile is faulted; otherwise which piles are faulted or still waiting for their devices."
                + " Updated every second.");

        plannedPower = plain(site, "PlannedPowerW", Identifiers.Int64, "The power all piles draw together in each"
                + " slot of the depot's plan (W), from now to the last departure; updated every second.");
        planSlots = plain(site, "PlanSlotStarts", Identifiers.UtcTime, "When each slot of PlannedPowerW starts,"
                + " the first being now.");
        for (UaVariableNode array : List.of(plannedPower, planSlots)) {
            array.setValueRank(ValueRanks.OneDimension);
            array.setArrayDimensions(new UInteger[] {UInteger.MIN});
        }

        pilesFolder = new UaFolderNode(getNodeContext(), newNodeId("Site/Piles"), newQualifiedName("Piles"),
                LocalizedText.english("Piles"));
        pilesFolder.setDescription(LocalizedText.english("One Pile_<id> object per configured pile."));
        getNodeManager().addNode(pilesFolder);
        site.addComponent(pilesFolder);

        createMethods();
        refreshSite();
    }

    private void createMethods() {
        Argument pile = argument("Pile", Identifiers.String, "The pile's id, e.g. sim-01.");
        method("SetSitePowerLimit", "Limits the power all piles may draw together; the charging piles share it at"
                        + " once.", new Argument[] {argument("LimitW", Identifiers.Int64, "0 or more, in W.")},
                (operator, in) -> {
                    actions.limitSitePower(OptionalLong.of((Long) in[0].getValue()));
                    refreshSiteSoon();
                });
        method("ClearSitePowerLimit", "Lifts the site's power limit.", new Argument[0], (operator, in) -> {
            actions.limitSitePower(OptionalLong.empty());
            refreshSiteSoon();
        });
        method("SetPileCurrentLimit", "Caps the current a pile offers per phase, at once for a running session and"
                        + " for every later one.", new Argument[] {pile, argument("LimitA", Identifiers.Int32,
                        "6 A up to the pile's maximum; 0 lifts the cap.")},
                (operator, in) -> actions.limitCurrent(pile(in[0]).controller.id(), (Integer) in[1].getValue()));
        method("StopSession", "Ends the session running on a pile, as its driver's stop would: the contactor opens"
                + " and the fee is issued for the energy delivered so far.", new Argument[] {pile}, (operator, in) -> {
                    PileView view = pile(in[0]);
                    SessionId session = view.status.activeSession().orElseThrow(() -> new UaException(
                            StatusCodes.Bad_InvalidState, "no session is running on pile " + view.controller.id()));
                    actions.stop(session, "stopped over OPC UA by " + operator.name());
                });
        method("SetPileAvailability", "Takes a pile out of service (false) or back into it (true). Out of service a"
                        + " pile opens no new session; a running one goes on until it ends.",
                new Argument[] {pile, argument("Available", Identifiers.Boolean, "Whether the pile opens sessions.")},
                (operator, in) -> setAvailable(pile(in[0]), (Boolean) in[1].getValue()));
    }

    private void setAvailable(PileView view, boolean available) throws UaException {
        actions.setAvailable(view.controller.id(), available);
        submit("refreshing pile " + view.controller.id(), () -> refreshAvailable(view));
    }

    private PileView pile(Variant argument) throws UaException {
        String text = (String) argument.getValue();
        try {
            return Optional.ofNullable(text == null ? null : piles.get(new PileId(text))).orElseThrow(() ->
                    new UaException(StatusCodes.Bad_InvalidArgument, "no pile " + text + " on this site"));
        } catch (IllegalArgumentException e) {
            throw new UaException(StatusCodes.Bad_InvalidArgument, e.getMessage());
        }
    }

    private void attachPile(PileController controller) {
        PileId id = controller.id();
        Optional.ofNullable(piles.get(id)).ifPresent(previous -> detachPile(previous.controller));
        UaObjectNode object = object("Site/Piles/" + id, "Pile_" + id,
                "Charging pile " + id + ": its state, relay, meter and session.");
        pilesFolder.addOrganizes(object);
        UaObjectNode meterObject = object("Site/Piles/" + id + "/Meter", "Meter",
                "The pile's energy meter: per-phase values where it measures them.");
        object.addComponent(meterObject);

        PileView view = new PileView(controller, object, meterOfPile.apply(id));
        for (PileVariable variable : PileVariable.values()) {
            UaObjectNode parent = variable.ofMeter() ? meterObject : object;
            view.nodes.put(variable, variable.unit()
                    .map(unit -> analog(parent, variable.browseName(), variable.dataType(), unit,
                            variable.description()))
                    .orElseGet(() -> plain(parent, variable.browseName(), variable.dataType(),
                            variable.description())));
        }
        makeWritable(view.nodes.get(PileVariable.AVAILABLE), (operator, value) -> {
            if (!(value instanceof Boolean available)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "Available is a Boolean");
            }
            setAvailable(view, available);
        });
        set(view, PileVariable.METER_ID, view.meterId.orElse(""), DateTime.now());
        piles.put(id, view);
        view.subscription = controller.subscribe(status -> submit("status of pile " + id, () -> onStatus(view,
                status)));
        onStatus(view, controller.status());
        refreshAvailable(view);
        view.meterId.map(meters::get).ifPresent(meter -> attachMeter(view, meter));
        LOG.info("OPC UA: pile {} added{}", id, view.meterId.map(meter -> " with meter " + meter).orElse(""));
    }

    private void detachPile(PileController controller) {
        PileView view = piles.get(controller.id());
        if (view == null || view.controller != controller) {
            return;
        }
        piles.remove(controller.id());
        close(view.subscription, "pile " + controller.id());
        detachMeter(view);
        energyToday.remove(controller.id());
        List<NodeId> removed = new ArrayList<>(view.nodes.values().stream().map(UaNode::getNodeId).toList());
        removed.add(view.object.getNodeId());
        view.nodes.values().forEach(node -> writable.remove(node.getNodeId()));
        pilesFolder.removeOrganizes(view.object);
        view.object.delete();
        removed.forEach(this::push);
        refreshSiteSoon();
        LOG.info("OPC UA: pile {} removed", controller.id());
    }

    private void attachMeter(PileView view, Meter meter) {
        close(view.meterSubscription, "meter " + meter.id());
        view.meterSubscription = meter.subscribe(reading -> submit("reading of meter " + meter.id(),
                () -> onReading(view, reading)));
        meter.latest().ifPresent(reading -> onReading(view, reading));
    }

    private void detachMeter(PileView view) {
        close(view.meterSubscription, "meter of pile " + view.controller.id());
        view.meterSubscription = () -> { };
        // the figures stay, marked as last known, until the meter's service is back (e.g. a driver update)
        StatusCode lastKnown = new StatusCode(StatusCodes.Uncertain_NoCommunicationLastUsableValue);
        for (PileVariable variable : PileVariable.values()) {
            UaVariableNode node = view.nodes.get(variable);
            if (variable.ofMeter() && variable != PileVariable.METER_ID && node.getValue().getStatusCode().isGood()) {
                set(node, node.getValue().getValue(), lastKnown, DateTime.now());
            }
        }
    }

    // ---- values

    private void onStatus(PileView view, PileStatus status) {
        if (piles.get(view.controller.id()) != view) {
            return;
        }
        PileState before = view.status.state();
        view.status = status;
        DateTime at = new DateTime(status.at());
        set(view, PileVariable.STATE, status.state().name(), at);
        set(view, PileVariable.PLUG_STATE, status.plugState().name(), at);
        set(view, PileVariable.CONTACTOR_CLOSED, status.contactorClosed(), at);
        set(view, PileVariable.POWER, status.powerW(), at);
        set(view, PileVariable.ENERGY_REGISTER, status.energyWh(), at);
        set(view, PileVariable.CURRENT_LIMIT, status.currentLimitA(), at);
        set(view, PileVariable.FAULT_TEXT, status.faultText().orElse(""), at);
        Optional<SessionId> active = status.activeSession();
        if (!active.equals(view.session.map(SessionStart::id))) {
            view.session = active.map(id -> sessionStart(id, status));
        }
        set(view, PileVariable.SESSION_ID, active.map(SessionId::value).orElse(""), at);
        set(view, PileVariable.SESSION_ENERGY,
                view.session.map(start -> Math.max(0, status.energyWh() - start.registerWh())).orElse(0L), at);
        set(view.nodes.get(PileVariable.SESSION_START),
                view.session.map(start -> new Variant(new DateTime(start.at()))).orElse(Variant.NULL_VALUE),
                StatusCode.GOOD, at);
        refreshElapsed(view);
        if (before != status.state()) {
            refreshAvailable(view);
        }
        energyToday.record(view.controller.id(), status.energyWh(), status.at());
        refreshSiteSoon();
    }

    /** The session's own start if the session service knows it, else what the pile shows now. */
    private SessionStart sessionStart(SessionId id, PileStatus status) {
        try {
            return actions.session(id)
                    .map(overview -> new SessionStart(id, overview.session().startEnergyWh(),
                            overview.session().startedAt()))
                    .orElseGet(() -> new SessionStart(id, status.energyWh(), status.at()));
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: session {} could not be looked up; its energy counts from now", id, e);
            return new SessionStart(id, status.energyWh(), status.at());
        }
    }

    private void onReading(PileView view, MeterReading reading) {
        if (piles.get(view.controller.id()) != view) {
            return;
        }
        DateTime at = new DateTime(reading.timestamp());
        StatusCode quality = switch (reading.quality()) {
            case GOOD -> StatusCode.GOOD;
            case STALE -> new StatusCode(StatusCodes.Uncertain_NoCommunicationLastUsableValue);
            case INVALID -> new StatusCode(StatusCodes.Uncertain_LastUsableValue);
        };
        set(view, PileVariable.READING_QUALITY, reading.quality().name(), at);
        Optional<PhaseValues> phases = reading.phases();
        phase(view, PileVariable.L1_VOLTAGE, phases.map(PhaseValues::l1Mv), quality, at);
        phase(view, PileVariable.L2_VOLTAGE, phases.map(PhaseValues::l2Mv), quality, at);
        phase(view, PileVariable.L3_VOLTAGE, phases.map(PhaseValues::l3Mv), quality, at);
        phase(view, PileVariable.L1_CURRENT, phases.map(PhaseValues::l1Ma), quality, at);
        phase(view, PileVariable.L2_CURRENT, phases.map(PhaseValues::l2Ma), quality, at);
        phase(view, PileVariable.L3_CURRENT, phases.map(PhaseValues::l3Ma), quality, at);
    }

    /** A phase value from milli-units; a meter that does not measure phases shows BadNotSupported. */
    private void phase(PileView view, PileVariable variable, Optional<Long> milli, StatusCode quality, DateTime at) {
        UaVariableNode node = view.nodes.get(variable);
        if (milli.isPresent()) {
            set(node, new Variant(milli.get() / 1000.0), quality, at);
        } else {
            set(node, Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_NotSupported), at);
        }
    }

    private void tick() {
        piles.values().forEach(this::refreshElapsed);
        refreshSite();
        refreshPlan();
    }

    private void refreshPlan() {
        PlanValues plan = new PlanValues(actions.plan());
        DateTime now = DateTime.now();
        for (PileView view : piles.values()) {
            set(view, PileVariable.PLANNED_CURRENT, plan.currentA(view.controller.id()), now);
            set(view, PileVariable.HELD_BACK_BY, plan.heldBackBy(view.controller.id()), now);
        }
        set(plannedPower, plan.sitePowerW(), StatusCode.GOOD, now);
        set(planSlots, plan.slotStarts(), StatusCode.GOOD, now);
    }

    private void refreshElapsed(PileView view) {
        double elapsedMs = view.session.map(start -> (double) Duration.between(start.at(), clock.instant()).toMillis())
                .map(ms -> Math.max(0, ms)).orElse(0.0);
        set(view, PileVariable.SESSION_ELAPSED, elapsedMs, DateTime.now());
    }

    private void refreshAvailable(PileView view) {
        UaVariableNode node = view.nodes.get(PileVariable.AVAILABLE);
        try {
            Optional<Boolean> available = actions.available(view.controller.id());
            set(node, available.map(Variant::new).orElse(Variant.NULL_VALUE), available.isPresent() ? StatusCode.GOOD
                    : new StatusCode(StatusCodes.Bad_ResourceUnavailable), DateTime.now());
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: the settings of pile {} could not be read", view.controller.id(), e);
        }
    }

    /**
     * The site's figures sum up every pile, and thousands of piles report each second: one refresh queued behind
     * the updates waiting now serves them all. Health, which asks every pile's controller, follows on the tick.
     */
    private void refreshSiteSoon() {
        if (siteRefreshQueued.compareAndSet(false, true)) {
            submit("refreshing the site", () -> {
                siteRefreshQueued.set(false);
                refreshFigures();
            });
        }
    }

    private void refreshSite() {
        refreshFigures();
        set(health, new Variant(health()), StatusCode.GOOD, DateTime.now());
    }

    private void refreshFigures() {
        DateTime now = DateTime.now();
        set(totalPower, new Variant(piles.values().stream().mapToLong(view -> view.status.powerW()).sum()),
                StatusCode.GOOD, now);
        set(energyTodayNode, new Variant(energyToday.totalWh(clock.instant())), StatusCode.GOOD, now);
        set(pileCount, new Variant(UInteger.valueOf(piles.size())), StatusCode.GOOD, now);
        try {
            OptionalLong limit = actions.sitePowerLimitW();
            set(gridLimit, limit.isPresent() ? new Variant(limit.getAsLong()) : Variant.NULL_VALUE, StatusCode.GOOD,
                    now);
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: the site's power limit could not be read", e);
        }
    }

    private String health() {
        if (piles.isEmpty()) {
            return "No piles configured";
        }
        StringJoiner faulted = new StringJoiner(", ", "Faulted: ", "").setEmptyValue("");
        StringJoiner waiting = new StringJoiner(", ", "Waiting for devices: ", "").setEmptyValue("");
        piles.values().stream().sorted(Comparator.comparing(view -> view.controller.id().value()))
                .forEach(view -> {
                    if (view.status.state() == PileState.FAULTED) {
                        faulted.add(view.controller.id().value());
                    } else if (!view.controller.devicesSeen()) {
                        waiting.add(view.controller.id().value());
                    }
                });
        StringJoiner health = new StringJoiner("; ").setEmptyValue("Good");
        Optional.of(faulted.toString()).filter(text -> !text.isEmpty()).ifPresent(health::add);
        Optional.of(waiting.toString()).filter(text -> !text.isEmpty()).ifPresent(health::add);
        return health.toString();
    }

    private void set(PileView view, PileVariable variable, Object value, DateTime sourceTime) {
        set(view.nodes.get(variable), new Variant(value), StatusCode.GOOD, sourceTime);
    }

    /** Sets a node's value if it changed, which pushes it to the monitored items on the node. */
    private static void set(UaVariableNode node, Variant value, StatusCode status, DateTime sourceTime) {
        DataValue current = node.getValue();
        if (value.equals(current.getValue()) && status.equals(current.getStatusCode())) {
            return;
        }
        node.setValue(new DataValue(value, status, sourceTime, DateTime.now()));
    }

    // ---- node factories

    private UaObjectNode object(String id, String name, String description) {
        UaObjectNode node = UaObjectNode.builder(getNodeContext())
                .setNodeId(newNodeId(id))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setTypeDefinition(Identifiers.BaseObjectType)
                .build();
        getNodeManager().addNode(node);
        return node;
    }

    private UaVariableNode plain(UaNode parent, String name, NodeId dataType, String description) {
        UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                .setNodeId(childId(parent, name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setDataType(dataType)
                .setValueRank(ValueRanks.Scalar)
                .setTypeDefinition(Identifiers.BaseDataVariableType)
                .setAccessLevel(AccessLevel.READ_ONLY)
                .setUserAccessLevel(AccessLevel.READ_ONLY)
                .setValue(WAITING)
                .build();
        return attach(parent, node);
    }

    private UaVariableNode analog(UaNode parent, String name, NodeId dataType, EUInformation unit,
            String description) {
        AnalogItemTypeNode node = new AnalogItemTypeNode(getNodeContext(), childId(parent, name),
                newQualifiedName(name), LocalizedText.english(name), LocalizedText.english(description),
                UInteger.MIN, UInteger.MIN, WAITING, dataType, ValueRanks.Scalar, null,
                AccessLevel.toValue(AccessLevel.READ_ONLY), AccessLevel.toValue(AccessLevel.READ_ONLY), 0.0, false);
        node.addReference(new Reference(node.getNodeId(), Identifiers.HasTypeDefinition,
                Identifiers.AnalogItemType.expanded(), true));
        attach(parent, node);
        node.setEngineeringUnits(unit);
        return node;
    }

    private UaVariableNode attach(UaNode parent, UaVariableNode node) {
        getNodeManager().addNode(node);
        parent.addReference(new Reference(parent.getNodeId(), Identifiers.HasComponent, node.getNodeId().expanded(),
                true));
        node.addAttributeObserver(pushToMonitoredItems);
        return node;
    }

    private void makeWritable(UaVariableNode node, WriteTarget target) {
        node.setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
        node.setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE));
        node.getFilterChain().addLast(OperatorAccessFilter.INSTANCE);
        writable.put(node.getNodeId(), target);
    }

    private void method(String name, String description, Argument[] inputs, ActionMethod.Action action) {
        UaMethodNode node = UaMethodNode.builder(getNodeContext())
                .setNodeId(childId(site, name))
                .setBrowseName(newQualifiedName(name))
                .setDisplayName(LocalizedText.english(name))
                .setDescription(LocalizedText.english(description))
                .setExecutable(true)
                .setUserExecutable(true)
                .addAttributeFilter(OperatorAccessFilter.INSTANCE)
                .build();
        ActionMethod handler = new ActionMethod(node, inputs, (operator, in) -> {
            action.run(operator, in);
            LOG.info("OPC UA user {} called {}", operator.name(), name);
        });
        node.setInputArguments(handler.getInputArguments());
        node.setOutputArguments(handler.getOutputArguments());
        node.setInvocationHandler(handler);
        getNodeManager().addNode(node);
        site.addReference(new Reference(site.getNodeId(), Identifiers.HasComponent, node.getNodeId().expanded(),
                true));
    }

    private static Argument argument(String name, NodeId dataType, String description) {
        return new Argument(name, dataType, ValueRanks.Scalar, null, LocalizedText.english(description));
    }

    private NodeId childId(UaNode parent, String name) {
        return newNodeId(parent.getNodeId().getIdentifier() + "/" + name);
    }

    // ---- the update lane

    private void submit(String what, Runnable task) {
        if (stopped) {
            LOG.debug("OPC UA namespace stopped; dropped {}", what);
            return;
        }
        updates.execute(() -> guarded(what, task));
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("OPC UA: {} failed", what, e);
        }
    }

    private void stopUpdates() {
        stopped = true;
        if (ticking != null) {
            ticking.cancel();
        }
        try {
            updates.submit(() -> {
                piles.values().forEach(view -> {
                    close(view.subscription, "pile " + view.controller.id());
                    close(view.meterSubscription, "meter of pile " + view.controller.id());
                });
                piles.clear();
                return CompletableFuture.completedFuture(null);
            }).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("OPC UA: unsubscribing from the piles failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(AutoCloseable subscription, String what) {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Closing the subscription to {} failed", what, e);
        }
    }
}
