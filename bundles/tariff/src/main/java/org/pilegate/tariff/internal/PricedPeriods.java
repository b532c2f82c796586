package org.pilegate.tariff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.pilegate.api.tariff.PricedPeriod;
import org.pilegate.tariff.internal.DimensionBilling.Billing;

/**
 * The priced segments joined into the periods of an OCPI charge record: consecutive segments are one period while the
 * elements pricing energy, charging time and parking time stay the same. A charging segment counts no parking
 * element and a parking one no time element, so the change from charging to parking starts a period where either
 * time is priced, and not where neither is. Each period's quantities are its segments' shares of the billed units,
 * so a dimension's periods add up to its lines.
 */
final class PricedPeriods {

    private PricedPeriods() {
    }

    /** @param energy the billing of ENERGY, one usage per segment; {@code time} and {@code parking} likewise */
    static List<PricedPeriod> of(List<Segment> segments, Billing energy, Billing time, Billing parking) {
        List<PricedPeriod> periods = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            boolean charging = segment.state().charging();
            PricedPeriod part = new PricedPeriod(segment.from(), energy.element(i),
                    charging ? time.element(i) : OptionalInt.empty(),
                    charging ? OptionalInt.empty() : parking.element(i),
                    energy.element(i).isPresent() ? energy.billed(i) : meteredWh(segment), time.billed(i),
                    parking.billed(i));
            int last = periods.size() - 1;
            if (last >= 0 && samePrices(periods.get(last), part)) {
                periods.set(last, joined(periods.get(last), part));
            } else {
                periods.add(part);
            }
        }
        return periods;
    }

    /** Free energy as metered: the total so far rounded half up at either end, so the parts add up to the whole. */
    private static long meteredWh(Segment segment) {
        return wholeWh(segment.energyToWh()) - wholeWh(segment.energyFromWh());
    }

    private static long wholeWh(BigDecimal wh) {
        return wh.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static boolean samePrices(PricedPeriod one, PricedPeriod other) {
        return one.energyElement().equals(other.energyElement()) && one.timeElement().equals(other.timeElement())
                && one.parkingElement().equals(other.parkingElement());
    }

    private static PricedPeriod joined(PricedPeriod first, PricedPeriod next) {
        return new PricedPeriod(first.start(), first.energyElement(), first.timeElement(), first.parkingElement(),
                Math.addExact(first.energyWh(), next.energyWh()),
                Math.addExact(first.chargingSeconds(), next.chargingSeconds()),
                Math.addExact(first.parkingSeconds(), next.parkingSeconds()));
    }
}
