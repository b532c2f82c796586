package org.pilegate.metrics.internal;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.Plan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;

/**
 * Pile and site meters. Per pile (tag {@code pile}): {@code pilegate_pile_power_watts},
 * {@code pilegate_pile_meter_register_watt_hours}, {@code pilegate_pile_sessions_started_total},
 * {@code pilegate_pile_sessions_finished_total}, {@code pilegate_pile_energy_delivered_watt_hours_total}. For the
 * site: {@code pilegate_piles{state}}, {@code pilegate_piles_devices_not_seen}, {@code pilegate_site_power_watts};
 * from the depot's plan: {@code pilegate_site_planned_power_watts} (now), {@code pilegate_piles_held{by}} (what holds
 * each charging pile back) and {@code pilegate_sessions_short_of_target} (targets the plan does not meet by the
 * departure).
 */
@Component
public class PileMeters {

    private static final Logger LOG = LoggerFactory.getLogger(PileMeters.class);

    private final GatewayMeters meters;
    private final MeterGroup site;
    private final Map<PileController, PileTracker> piles = new ConcurrentHashMap<>();

    @Activate
    public PileMeters(@Reference(name = "meters") GatewayMeters meters) {
        this.meters = meters;
        site = meters.group();
        for (PileState state : PileState.values()) {
            siteGauge("pilegate.piles", "Piles in each state", Tags.of("state", state.name().toLowerCase(Locale.ROOT)),
                    null, pile -> pile.status().state() == state ? 1 : 0);
        }
        siteGauge("pilegate.piles.devices.not.seen", "Piles whose meter or relay has not answered yet", Tags.empty(),
                null, pile -> pile.devicesSeen() ? 0 : 1);
        siteGauge("pilegate.site.power", "Active power of all piles towards vehicles", Tags.empty(), "watts",
                pile -> pile.status().powerW());
        planGauge("pilegate.site.planned.power", "Power the depot's plan gives the charging piles now", Tags.empty(),
                "watts", plan -> plan.sitePowerW().get(0));
        for (Hold.Kind kind : Hold.Kind.values()) {
            planGauge("pilegate.piles.held", "Charging piles by what holds them back in the depot's plan",
                    Tags.of("by", kind.name().toLowerCase(Locale.ROOT)), null,
                    plan -> plan.piles().values().stream().filter(pile -> pile.hold().kind() == kind).count());
        }
        planGauge("pilegate.sessions.short.of.target", "Charging sessions whose target the depot's plan does not meet"
                + " by the departure", Tags.empty(), null,
                plan -> plan.piles().values().stream().filter(pile -> !pile.meetsTarget()).count());
    }

    @Deactivate
    void deactivate() {
        piles.keySet().forEach(this::removePile);
        site.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPile(PileController pile) {
        piles.computeIfAbsent(pile, controller -> new PileTracker(controller, meters.group()));
    }

    void removePile(PileController pile) {
        PileTracker tracker = piles.remove(pile);
        if (tracker != null) {
            try {
                tracker.close();
            } catch (Exception e) {
                LOG.warn("Meters of pile {} were not all removed", pile.id(), e);
            }
        }
    }

    /** A site gauge read from the depot's latest plan (any pile has it); 0 while the depot makes none. */
    private void planGauge(String name, String description, Tags tags, String unit, ToDoubleFunction<Plan> ofPlan) {
        site.add(Gauge.builder(name, piles, all -> all.keySet().stream().findAny().flatMap(PileController::plan)
                        .map(ofPlan::applyAsDouble).orElse(0.0))
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(site.registry()));
    }

    /** A site gauge: {@code perPile} summed over the piles. */
    private void siteGauge(String name, String description, Tags tags, String unit,
            ToDoubleFunction<PileController> perPile) {
        site.add(Gauge.builder(name, piles, all -> all.keySet().stream().mapToDouble(perPile).sum())
                .description(description)
                .baseUnit(unit)
                .tags(tags)
                .register(site.registry()));
    }
}
