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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;

/**
 * Pile and site meters. Per pile (tag {@code pile}): {@code pilegate_pile_power_watts},
 * {@code pilegate_pile_meter_register_watt_hours}, {@code pilegate_pile_sessions_started_total},
 * {@code pilegate_pile_sessions_finished_total}, {@code pilegate_pile_energy_delivered_watt_hours_total}. For the
 * site: {@code pilegate_piles{state}}, {@code pilegate_piles_devices_not_seen}, {@code pilegate_site_power_watts}.
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
