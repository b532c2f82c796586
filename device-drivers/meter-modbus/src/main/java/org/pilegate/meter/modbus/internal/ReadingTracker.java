package org.pilegate.meter.modbus.internal;

import static org.pilegate.device.profile.MeterQuantity.ACTIVE_POWER_W;
import static org.pilegate.device.profile.MeterQuantity.CURRENT_L1_MA;
import static org.pilegate.device.profile.MeterQuantity.CURRENT_L2_MA;
import static org.pilegate.device.profile.MeterQuantity.CURRENT_L3_MA;
import static org.pilegate.device.profile.MeterQuantity.ENERGY_IMPORT_WH;
import static org.pilegate.device.profile.MeterQuantity.VOLTAGE_L1_MV;
import static org.pilegate.device.profile.MeterQuantity.VOLTAGE_L2_MV;
import static org.pilegate.device.profile.MeterQuantity.VOLTAGE_L3_MV;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.device.profile.MeterQuantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a meter publishes. Only plausible figures are GOOD; an implausible answer gives INVALID and a meter
 * silent for too long STALE, both carrying the last good figures and their time, because billing must never see a
 * figure it cannot trust. Transitions are logged once, not on every poll. Not thread-safe: each meter calls it from
 * its driver lane.
 */
final class ReadingTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingTracker.class);

    /** Above any low-voltage supply, AC or DC. */
    private static final long MAX_VOLTAGE_MV = 1_500_000;
    /** Above any current a pile's meter carries; the limit only rejects garbage. */
    private static final long MAX_CURRENT_MA = 10_000_000;

    private static final List<MeterQuantity> VOLTAGES = List.of(VOLTAGE_L1_MV, VOLTAGE_L2_MV, VOLTAGE_L3_MV);
    private static final List<MeterQuantity> CURRENTS = List.of(CURRENT_L1_MA, CURRENT_L2_MA, CURRENT_L3_MA);

    private MeterSettings settings;
    private Optional<MeterReading> lastGood = Optional.empty();
    private Instant lastAnswer;
    private boolean silent;
    private boolean implausible;

    /** @param start counts as the last answer, so a meter that never answers turns silent after staleAfter */
    ReadingTracker(MeterSettings settings, Instant start) {
        this.settings = settings;
        this.lastAnswer = start;
    }

    /**
     * A complete answer, decoded.
     *
     * @return the reading to publish: GOOD if plausible, otherwise INVALID; empty while no good figures exist
     */
    Optional<MeterReading> answered(Instant at, Map<MeterQuantity, Long> values) {
        heardAt(at);
        Optional<String> problem = implausibility(at, values);
        if (problem.isPresent()) {
            return invalid(problem.get());
        }
        long energy = values.get(ENERGY_IMPORT_WH);
        // a step back within the tolerance is rounding in the meter; billing needs a register that never decreases
        long monotonic = lastGood.map(good -> Math.max(good.energyImportWh(), energy)).orElse(energy);
        MeterReading good = new MeterReading(at, monotonic, values.get(ACTIVE_POWER_W), ReadingQuality.GOOD,
                phases(values));
        if (implausible) {
            implausible = false;
            LOG.info("Meter {} answers plausibly again", settings.id());
        }
        lastGood = Optional.of(good);
        return lastGood;
    }

    /** An answer that could not be decoded, e.g. NaN in a float register. */
    Optional<MeterReading> garbled(Instant at, String problem) {
        heardAt(at);
        return invalid(problem);
    }

    /**
     * Called periodically: once the meter has been silent for staleAfter, its reading turns STALE.
     *
     * @param lastError why the meter's latest requests failed, for the log
     * @return the STALE reading, once per silence and only if good figures exist
     */
    Optional<MeterReading> checkSilence(Instant now, Optional<String> lastError) {
        Duration silence = Duration.between(lastAnswer, now);
        if (silent || silence.compareTo(settings.staleAfter()) < 0) {
            return Optional.empty();
        }
        silent = true;
        LOG.warn("Meter {} has not answered for {} ms{}; its reading is STALE", settings.id(), silence.toMillis(),
                lastError.map(error -> " (last error: " + error + ")").orElse(""));
        return lastGood.map(good -> carried(good, ReadingQuality.STALE));
    }

    /**
     * Applies a new configuration. Readings of another device (endpoint, unit or register map changed) do not
     * continue the old ones, so their plausibility is judged afresh: a replaced meter starts its own register.
     */
    void reconfigure(MeterSettings next) {
        if (!settings.sameDevice(next)) {
            lastGood = Optional.empty();
            LOG.info("Meter {} is now read from unit {} at {} with profile {}; its energy register starts afresh",
                    next.id(), next.unitId(), next.endpoint(), next.profile().id());
        }
        settings = next;
    }

    private void heardAt(Instant at) {
        lastAnswer = at;
        if (silent) {
            silent = false;
            LOG.info("Meter {} answers again", settings.id());
        }
    }

    private Optional<MeterReading> invalid(String problem) {
        if (implausible) {
            LOG.debug("Meter {} still answers implausibly: {}", settings.id(), problem);
        } else {
            implausible = true;
            LOG.warn("Meter {} answers implausibly ({}); its readings are INVALID until it answers plausibly again",
                    settings.id(), problem);
        }
        return lastGood.map(good -> carried(good, ReadingQuality.INVALID));
    }

    private Optional<String> implausibility(Instant at, Map<MeterQuantity, Long> values) {
        long energy = values.get(ENERGY_IMPORT_WH);
        long power = values.get(ACTIVE_POWER_W);
        if (energy < 0) {
            return Optional.of("energy register holds " + energy + " Wh");
        }
        if (Math.abs(power) > settings.maxPowerW()) {
            return Optional.of("power " + power + " W is beyond the maximum of " + settings.maxPowerW() + " W");
        }
        for (MeterQuantity voltage : VOLTAGES) {
            long value = values.getOrDefault(voltage, 0L);
            if (value < 0 || value > MAX_VOLTAGE_MV) {
                return Optional.of(voltage + " holds " + value + " mV");
            }
        }
        for (MeterQuantity current : CURRENTS) {
            long value = values.getOrDefault(current, 0L);
            if (Math.abs(value) > MAX_CURRENT_MA) {
                return Optional.of(current + " holds " + value + " mA");
            }
        }
        return lastGood.flatMap(good -> energyStep(good, at, energy));
    }

    private Optional<String> energyStep(MeterReading good, Instant at, long energy) {
        long step = energy - good.energyImportWh();
        if (step < -settings.energyToleranceWh()) {
            return Optional.of("energy register went back from " + good.energyImportWh() + " Wh to " + energy
                    + " Wh");
        }
        long elapsedMs = Math.max(0, Duration.between(good.timestamp(), at).toMillis());
        double possibleWh = settings.maxPowerW() * (elapsedMs / 3_600_000.0) + settings.energyToleranceWh();
        if (step > possibleWh) {
            return Optional.of("energy register rose by " + step + " Wh in " + elapsedMs + " ms, more than "
                    + settings.maxPowerW() + " W can deliver");
        }
        return Optional.empty();
    }

    private static Optional<PhaseValues> phases(Map<MeterQuantity, Long> values) {
        if (!values.keySet().containsAll(VOLTAGES) || !values.keySet().containsAll(CURRENTS)) {
            return Optional.empty();
        }
        // a signed current register may carry the direction of power; the RMS magnitude is its absolute value
        return Optional.of(new PhaseValues(values.get(VOLTAGE_L1_MV), values.get(VOLTAGE_L2_MV),
                values.get(VOLTAGE_L3_MV), Math.abs(values.get(CURRENT_L1_MA)), Math.abs(values.get(CURRENT_L2_MA)),
                Math.abs(values.get(CURRENT_L3_MA))));
    }

    private static MeterReading carried(MeterReading good, ReadingQuality quality) {
        return new MeterReading(good.timestamp(), good.energyImportWh(), good.activePowerW(), quality, good.phases());
    }
}
