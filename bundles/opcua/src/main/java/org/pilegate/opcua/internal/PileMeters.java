package org.pilegate.opcua.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.pile.PileId;

/**
 * The {@code Meter} object of each pile: the meter its configuration names, followed while that meter's service
 * runs. Readings set the per-phase values with the reading's quality; a meter that goes away leaves its last values,
 * marked as last known. Touched on the update lane only.
 */
final class PileMeters {

    private final Map<PileId, PileView> piles;
    private final Function<PileId, Optional<String>> meterOfPile;
    private final UpdateLane updates;
    private final Map<String, Meter> meters = new HashMap<>();

    /** @param meterOfPile the id of the meter a pile's configuration names */
    PileMeters(Map<PileId, PileView> piles, Function<PileId, Optional<String>> meterOfPile, UpdateLane updates) {
        this.piles = piles;
        this.meterOfPile = meterOfPile;
        this.updates = updates;
    }

    /** The id of the meter the pile's configuration names now. */
    Optional<String> meterOf(PileId pile) {
        return meterOfPile.apply(pile);
    }

    /** Follows the meter of a pile just shown, if its service runs. */
    void follow(PileView view) {
        view.meterId.map(meters::get).ifPresent(meter -> attach(view, meter));
    }

    /** Follows the piles' configurations when they name other meters. */
    void refresh() {
        piles.values().forEach(view -> {
            Optional<String> meterId = meterOfPile.apply(view.controller.id());
            if (!meterId.equals(view.meterId)) {
                detach(view);
                view.meterId = meterId;
                PileNodes.set(view, PileVariable.METER_ID, meterId.orElse(""), DateTime.now());
                follow(view);
            }
        });
    }

    void add(Meter meter) {
        meters.put(meter.id(), meter);
        piles.values().stream().filter(view -> view.meterId.equals(Optional.of(meter.id())))
                .forEach(view -> attach(view, meter));
    }

    void remove(Meter meter) {
        if (meters.remove(meter.id(), meter)) {
            piles.values().stream().filter(view -> view.meterId.equals(Optional.of(meter.id())))
                    .forEach(this::detach);
        }
    }

    void detach(PileView view) {
        PileNodes.close(view.meterSubscription, "meter of pile " + view.controller.id());
        view.meterSubscription = () -> { };
        // the figures stay, marked as last known, until the meter's service is back (e.g. a driver update)
        StatusCode lastKnown = new StatusCode(StatusCodes.Uncertain_NoCommunicationLastUsableValue);
        for (PileVariable variable : PileVariable.values()) {
            DataValue value = view.value(variable);
            if (variable.ofMeter() && variable != PileVariable.METER_ID && value.getStatusCode().isGood()) {
                view.set(variable, value.getValue(), lastKnown, DateTime.now());
            }
        }
    }

    private void attach(PileView view, Meter meter) {
        PileNodes.close(view.meterSubscription, "meter " + meter.id());
        view.meterSubscription = meter.subscribe(reading -> updates.submit("reading of meter " + meter.id(),
                () -> onReading(view, reading)));
        meter.latest().ifPresent(reading -> onReading(view, reading));
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
        PileNodes.set(view, PileVariable.READING_QUALITY, reading.quality().name(), at);
        Optional<PhaseValues> phases = reading.phases();
        phase(view, PileVariable.L1_VOLTAGE, phases.map(PhaseValues::l1Mv), quality, at);
        phase(view, PileVariable.L2_VOLTAGE, phases.map(PhaseValues::l2Mv), quality, at);
        phase(view, PileVariable.L3_VOLTAGE, phases.map(PhaseValues::l3Mv), quality, at);
        phase(view, PileVariable.L1_CURRENT, phases.map(PhaseValues::l1Ma), quality, at);
        phase(view, PileVariable.L2_CURRENT, phases.map(PhaseValues::l2Ma), quality, at);
        phase(view, PileVariable.L3_CURRENT, phases.map(PhaseValues::l3Ma), quality, at);
    }

    /** A phase value from milli-units; a meter that does not measure phases shows BadNotSupported. */
    private static void phase(PileView view, PileVariable variable, Optional<Long> milli, StatusCode quality,
            DateTime at) {
        if (milli.isPresent()) {
            view.set(variable, new Variant(milli.get() / 1000.0), quality, at);
        } else {
            view.set(variable, Variant.NULL_VALUE, new StatusCode(StatusCodes.Bad_NotSupported), at);
        }
    }
}
