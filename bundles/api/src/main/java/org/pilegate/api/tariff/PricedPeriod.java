package org.pilegate.api.tariff;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A part of a priced session in which its prices stay the same, as an OCPI 2.2.1 charge record's charging period:
 * throughout it the same tariff element prices the energy, the same one the charging time and the same one the
 * parking time. A period charges or parks as its time element says: a charging period has no parking element and a
 * parking one no time element, unless neither time is priced. The quantities are those billed, so that each
 * dimension's periods add up to its fee lines.
 *
 * @param start when it begins; it lasts until the next period's start, or the session's end
 * @param energyElement index in the tariff of the element pricing ENERGY; empty where energy was free
 * @param timeElement index of the element pricing TIME; empty where charging time was free or the vehicle parked
 * @param parkingElement index of the element pricing PARKING_TIME; empty where parking was free or the vehicle
 *        charged
 * @param energyWh energy in the period: as billed where priced (whole Wh, step_size applied), else as metered, to
 *        the whole Wh
 * @param chargingSeconds charging time billed in the period; 0 where it was free
 * @param parkingSeconds parking time billed in the period; 0 where it was free
 */
public record PricedPeriod(Instant start, OptionalInt energyElement, OptionalInt timeElement,
        OptionalInt parkingElement, long energyWh, long chargingSeconds, long parkingSeconds) {

    public PricedPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(energyElement, "energyElement");
        Objects.requireNonNull(timeElement, "timeElement");
        Objects.requireNonNull(parkingElement, "parkingElement");
        if (energyWh < 0 || chargingSeconds < 0 || parkingSeconds < 0) {
            throw new IllegalArgumentException("a period's quantities must not be negative: " + energyWh + " Wh, "
                    + chargingSeconds + " s charging, " + parkingSeconds + " s parking");
        }
    }
}
