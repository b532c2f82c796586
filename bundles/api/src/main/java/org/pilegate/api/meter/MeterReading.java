package org.pilegate.api.meter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One reading of a pile's energy meter.
 *
 * @param timestamp when the value was read from the device (for STALE: when it was last read)
 * @param energyImportWh absolute imported-energy register in Wh, as the meter counts it;
 *     session energy is the difference of two registers
 * @param activePowerW total active power in W, positive towards the vehicle
 * @param quality how far the figures can be trusted
 * @param phases per-phase voltage and current, if the meter provides them
 */
public record MeterReading(
        Instant timestamp,
        long energyImportWh,
        long activePowerW,
        ReadingQuality quality,
        Optional<PhaseValues> phases) {

    public MeterReading {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(phases, "phases");
        if (energyImportWh < 0) {
            throw new IllegalArgumentException("energyImportWh must not be negative: " + energyImportWh);
        }
    }
}
