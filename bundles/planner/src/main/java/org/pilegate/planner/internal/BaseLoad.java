package org.pilegate.planner.internal;

import java.util.Optional;

import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.site.PhaseCurrents;

/**
 * The building's other load as the site meter measures it, in whole A per phase rounded up. A reading that cannot be
 * trusted (stale, implausible, or without per-phase currents) changes nothing: the last good load stays.
 */
final class BaseLoad {

    private volatile PhaseCurrents latest = PhaseCurrents.NONE;
    /** The load the plan in force counted with; touched under this. */
    private PhaseCurrents planned = PhaseCurrents.NONE;

    PhaseCurrents latest() {
        return latest;
    }

    /**
     * The load a plan is made for; a later move is measured from it, so the load never strays from what the plan in
     * force counted with by more than the threshold without a new plan.
     */
    synchronized PhaseCurrents forPlan() {
        planned = latest;
        return planned;
    }

    /** @return whether the load moved on a phase by more than {@code thresholdA} since the plan last counted it */
    synchronized boolean update(MeterReading reading, int thresholdA) {
        Optional<PhaseValues> phases = reading.phases().filter(p -> reading.quality() == ReadingQuality.GOOD);
        if (phases.isEmpty()) {
            return false;
        }
        PhaseValues values = phases.get();
        latest = new PhaseCurrents(amps(values.l1Ma()), amps(values.l2Ma()), amps(values.l3Ma()));
        if (Math.abs(latest.l1A() - planned.l1A()) > thresholdA || Math.abs(latest.l2A() - planned.l2A()) > thresholdA
                || Math.abs(latest.l3A() - planned.l3A()) > thresholdA) {
            planned = latest;
            return true;
        }
        return false;
    }

    /** The site meter went away or changed: no load is known. */
    synchronized void forget() {
        latest = PhaseCurrents.NONE;
        planned = PhaseCurrents.NONE;
    }

    private static int amps(long milliamps) {
        return (int) Math.min(Integer.MAX_VALUE, (milliamps + 999) / 1000);
    }
}
