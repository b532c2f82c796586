package org.pilegate.sim.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.pilegate.api.relay.PlugState;
import org.pilegate.api.site.Phase;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.sim.PileSnapshot;
import org.pilegate.sim.SimulatedVehicle;

/**
 * One simulated pile: contactor, current limit, plugged-in vehicle and meter, moved forward in time by
 * {@link #advance()}. Energy is integrated in whole microjoules (W × µs) and the clock's remainder below a
 * microsecond is carried over, so neither the meter nor the battery drifts however often the pile advances.
 * Every change first advances to the present, so energy delivered before a contactor opens is never lost. A pile
 * is wired to one or three of the site's phases and draws its power evenly on them.
 * Thread-safe: all methods hold the pile's monitor, which its devices also hold while rendering their registers.
 */
final class Pile {

    static final int DEFAULT_CURRENT_LIMIT_A = 32;
    static final int MAX_CURRENT_LIMIT_A = 80;
    static final long MICROJOULES_PER_WH = 3_600_000_000L;

    private final int index;
    private final LongSupplier nanoClock;
    /** The site's phases the pile's own L1, L2, L3 are wired to. */
    private final List<Phase> wiring;
    private final long[] voltageMv = new long[ChargingCurve.PHASES];
    private long lastNanos;
    private long version;
    private boolean contactorClosed;
    private int currentLimitA = DEFAULT_CURRENT_LIMIT_A;
    private long meterMicrojoules;
    private Optional<SimulatedVehicle> vehicle = Optional.empty();
    private long batteryMicrojoules;
    private long powerW;

    /** A three-phase pile wired in order. */
    Pile(int index, LongSupplier nanoClock) {
        this(index, nanoClock, List.of(Phase.values()));
    }

    Pile(int index, LongSupplier nanoClock, List<Phase> wiring) {
        if (wiring.size() != 1 && wiring.size() != ChargingCurve.PHASES) {
            throw new IllegalArgumentException("a pile is wired to 1 or 3 phases: " + wiring);
        }
        this.index = index;
        this.nanoClock = nanoClock;
        this.wiring = List.copyOf(wiring);
        this.lastNanos = nanoClock.getAsLong();
        for (int phase = 0; phase < voltageMv.length; phase++) {
            // a deterministic spread of ±1 V, so phases and piles are told apart in readings
            voltageMv[phase] = ChargingCurve.NOMINAL_VOLTAGE_V * 1000L + ((index * 7L + phase * 13L) % 21 - 10) * 100;
        }
    }

    int index() {
        return index;
    }

    /** Integrates the energy delivered since the last advance. */
    synchronized void advance() {
        long micros = (nanoClock.getAsLong() - lastNanos) / 1000;
        if (micros <= 0) {
            return;
        }
        lastNanos += micros * 1000;
        if (powerW > 0) {
            long delivered = Math.min(powerW * micros, capacityMicrojoules() - batteryMicrojoules);
            meterMicrojoules += delivered;
            batteryMicrojoules += delivered;
            changed();
        }
    }

    synchronized void switchContactor(boolean closed) {
        advance();
        contactorClosed = closed;
        changed();
    }

    /** @throws IllegalArgumentException outside 0..{@value #MAX_CURRENT_LIMIT_A} A */
    synchronized void limitCurrent(int amps) {
        if (amps < 0 || amps > MAX_CURRENT_LIMIT_A) {
            throw new IllegalArgumentException("current limit must be 0.." + MAX_CURRENT_LIMIT_A + " A: " + amps);
        }
        advance();
        currentLimitA = amps;
        changed();
    }

    synchronized void plug(SimulatedVehicle plugged) {
        advance();
        vehicle = Optional.of(plugged);
        batteryMicrojoules = Math.round(plugged.stateOfCharge() * plugged.capacityWh() * MICROJOULES_PER_WH);
        changed();
    }

    synchronized void unplug() {
        advance();
        vehicle = Optional.empty();
        batteryMicrojoules = 0;
        changed();
    }

    /** Increases whenever anything a device reports may have changed. */
    synchronized long version() {
        return version;
    }

    synchronized boolean contactorClosed() {
        return contactorClosed;
    }

    synchronized int currentLimitA() {
        return currentLimitA;
    }

    synchronized Optional<VehicleId> vehicleId() {
        return vehicle.map(SimulatedVehicle::id);
    }

    synchronized PlugState plugState() {
        if (vehicle.isEmpty()) {
            return PlugState.A;
        }
        return contactorClosed && batteryMicrojoules < capacityMicrojoules() ? PlugState.C : PlugState.B;
    }

    /** The value the meter holds for {@code quantity}, in the quantity's unit. */
    synchronized long meterValue(MeterQuantity quantity) {
        return switch (quantity) {
            case ENERGY_IMPORT_WH -> meterMicrojoules / MICROJOULES_PER_WH;
            case ACTIVE_POWER_W -> powerW;
            case VOLTAGE_L1_MV -> voltageMv[0];
            case VOLTAGE_L2_MV -> voltageMv[1];
            case VOLTAGE_L3_MV -> voltageMv[2];
            case CURRENT_L1_MA -> currentMa(0);
            case CURRENT_L2_MA -> currentMa(1);
            case CURRENT_L3_MA -> currentMa(2);
        };
    }

    synchronized PileSnapshot snapshot() {
        Optional<SimulatedVehicle> now = vehicle.map(plugged -> new SimulatedVehicle(plugged.id(),
                plugged.capacityWh(), (double) batteryMicrojoules / capacityMicrojoules(), plugged.maxPowerW()));
        return new PileSnapshot(index, plugState(), now, contactorClosed, currentLimitA, powerW,
                meterValue(MeterQuantity.ENERGY_IMPORT_WH));
    }

    /** Adds the current the pile draws now to each of the site's phases it is wired to, in mA (L1 first). */
    synchronized void addTo(long[] siteMa) {
        for (int own = 0; own < wiring.size(); own++) {
            siteMa[wiring.get(own).ordinal()] += currentMa(own);
        }
    }

    /** Power split evenly over the phases the pile is wired to: I = P / (n × U). */
    private long currentMa(int phase) {
        return phase < wiring.size() ? powerW * 1_000_000 / (wiring.size() * voltageMv[phase]) : 0;
    }

    private long capacityMicrojoules() {
        return vehicle.map(plugged -> plugged.capacityWh() * MICROJOULES_PER_WH).orElse(0L);
    }

    private void changed() {
        powerW = contactorClosed
                ? vehicle.map(plugged -> ChargingCurve.powerW(plugged.maxPowerW(), currentLimitA, wiring.size(),
                        batteryMicrojoules, capacityMicrojoules())).orElse(0L)
                : 0;
        version++;
    }
}
