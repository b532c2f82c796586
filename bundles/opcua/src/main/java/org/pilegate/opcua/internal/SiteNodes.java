package org.pilegate.opcua.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.nodes.UaObjectNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Site} object under Objects: the depot's totals, its power limit (writable by operators), its health,
 * the plan's power over the horizon, and the {@code Piles} folder.
 */
final class SiteNodes {

    /** The figures sum up every pile: refreshed at most this often, however many piles report meanwhile. */
    static final Duration REFRESH_GAP = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(SiteNodes.class);

    private final NodeFactory factory;
    private final DepotActions actions;
    private final Collection<PileView> piles;
    private final EnergyToday energyToday;
    private final Clock clock;
    private final UpdateLane updates;
    private final GatewayThreads threads;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile long lastRefreshNanos = System.nanoTime() - REFRESH_GAP.toNanos();

    private UaObjectNode site;
    private UaVariableNode totalPower;
    private UaVariableNode energyTodayNode;
    private UaVariableNode gridLimit;
    private UaVariableNode pileCount;
    private UaVariableNode health;
    private UaVariableNode plannedPower;
    private UaVariableNode planSlots;

    /** @param piles the piles shown, as they come and go */
    SiteNodes(NodeFactory factory, DepotActions actions, Collection<PileView> piles, EnergyToday energyToday,
            Clock clock, UpdateLane updates, GatewayThreads threads) {
        this.factory = factory;
        this.actions = actions;
        this.piles = piles;
        this.energyToday = energyToday;
        this.clock = clock;
        this.updates = updates;
        this.threads = threads;
    }

    /** Builds the site's nodes; operators' writes go through {@code writes}. */
    void create(OperatorWrites writes) {
        site = factory.object("Site", "Site", "The charging depot this gateway runs.");
        site.addReference(new Reference(site.getNodeId(), Identifiers.Organizes, Identifiers.ObjectsFolder.expanded(),
                false));

        totalPower = factory.analog(site, "TotalPowerW", Identifiers.Int64, Units.WATT,
                "Active power all piles deliver together.");
        energyTodayNode = factory.analog(site, "EnergyTodayWh", Identifiers.Int64, Units.WATT_HOUR, "Energy all piles"
                + " delivered since local midnight; after a restart of the gateway it counts from the piles' first"
                + " readings.");
        gridLimit = factory.analog(site, "GridLimitW", Identifiers.Int64, Units.WATT, "The most power the piles may"
                + " draw together; null when not limited. Operators may write it: a value of 0 or more limits, null"
                + " lifts the limit.");
        writes.allow(gridLimit, (operator, value) -> {
            if (value != null && !(value instanceof Long)) {
                throw new UaException(StatusCodes.Bad_TypeMismatch, "GridLimitW is an Int64 or null");
            }
            actions.limitSitePower(value == null ? OptionalLong.empty() : OptionalLong.of((Long) value));
            refreshSoon();
        });
        pileCount = factory.plain(site, "PileCount", Identifiers.UInt32, "How many piles the gateway runs.");
        health = factory.plain(site, "Health", Identifiers.String, "Good when every pile's meter and relay have"
                + " answered and no pile is faulted; otherwise which piles are faulted or still waiting for their"
                + " devices. Updated every second.");

        plannedPower = factory.array(site, "PlannedPowerW", Identifiers.Int64, "The power all piles draw together in"
                + " each slot of the depot's plan (W), from now to the last departure; updated every second.");
        planSlots = factory.array(site, "PlanSlotStarts", Identifiers.UtcTime, "When each slot of PlannedPowerW"
                + " starts, the first being now.");

        // the piles in it are made on demand (PileNodeManager), the folder is held like the rest of the site
        factory.folder(site, "Piles", "One Pile_<id> object per configured pile.");
    }

    UaObjectNode site() {
        return site;
    }

    /**
     * The site's figures sum up every pile, and thousands of piles report each second: a refresh queued now serves
     * every report until it runs, and runs {@link #REFRESH_GAP} after the one before at the earliest (queued behind
     * each update, the sums of 2,000 piles took 30 % of the gateway's CPU). Health, which asks every pile's
     * controller, follows on the tick.
     */
    void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            Runnable queue = () -> updates.submit("refreshing the site", () -> {
                refreshQueued.set(false);
                refreshFigures();
            });
            long waitNanos = lastRefreshNanos + REFRESH_GAP.toNanos() - System.nanoTime();
            if (waitNanos > 0) {
                threads.after(Duration.ofNanos(waitNanos), queue);
            } else {
                queue.run();
            }
        }
    }

    /** The figures and the health, brought up to date. */
    void refresh() {
        refreshFigures();
        NodeFactory.set(health, new Variant(SiteHealth.of(piles)), StatusCode.GOOD, DateTime.now());
    }

    void refreshPlan() {
        PlanValues plan = new PlanValues(actions.plan());
        DateTime now = DateTime.now();
        for (PileView view : piles) {
            PileNodes.set(view, PileVariable.PLANNED_CURRENT, plan.currentA(view.controller.id()), now);
            PileNodes.set(view, PileVariable.HELD_BACK_BY, plan.heldBackBy(view.controller.id()), now);
        }
        NodeFactory.set(plannedPower, plan.sitePowerW(), StatusCode.GOOD, now);
        NodeFactory.set(planSlots, plan.slotStarts(), StatusCode.GOOD, now);
    }

    private void refreshFigures() {
        lastRefreshNanos = System.nanoTime();
        DateTime now = DateTime.now();
        NodeFactory.set(totalPower, new Variant(piles.stream().mapToLong(view -> view.status.powerW()).sum()),
                StatusCode.GOOD, now);
        NodeFactory.set(energyTodayNode, new Variant(energyToday.totalWh(clock.instant())), StatusCode.GOOD, now);
        NodeFactory.set(pileCount, new Variant(UInteger.valueOf(piles.size())), StatusCode.GOOD, now);
        try {
            OptionalLong limit = actions.sitePowerLimitW();
            NodeFactory.set(gridLimit, limit.isPresent() ? new Variant(limit.getAsLong()) : Variant.NULL_VALUE,
                    StatusCode.GOOD, now);
        } catch (RuntimeException e) {
            LOG.warn("OPC UA: the site's power limit could not be read", e);
        }
    }
}
