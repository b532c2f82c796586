package org.pilegate.sim.internal;

import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.sim.Fault;

/**
 * The meter at the building's own distribution: the depot's other load, read-only, with the points of a meter
 * profile. Every read samples the load afresh, as a real meter's registers move between two polls; the energy
 * register integrates the load at nominal voltage.
 */
final class SimulatedSiteMeter implements ModbusDevice {

    private final BaseLoadProfile load;
    private final MeterProfile profile;
    private final RegisterImage image;
    private final LongSupplier nanoClock;
    private long lastNanos;
    private long microjoules;
    private long[] currentsMa;

    SimulatedSiteMeter(BaseLoadProfile load, MeterProfile profile, LongSupplier nanoClock) {
        this.load = load;
        this.profile = profile;
        this.image = new RegisterImage(SimulatedMeter.registerMap(profile));
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
        this.currentsMa = load.currentsMa();
    }

    /** The load on each site phase as last sampled, in mA. */
    synchronized long[] currentsMa() {
        return currentsMa.clone();
    }

    @Override
    public Optional<Fault> fault() {
        return Optional.empty();
    }

    @Override
    public synchronized boolean[] readBits(Table table, int address, int count) {
        return sample().bits(table, address, count);
    }

    @Override
    public synchronized int[] readRegisters(Table table, int address, int count) {
        return sample().registers(table, address, count);
    }

    private RegisterImage sample() {
        long now = nanoClock.getAsLong();
        microjoules += powerW() * ((now - lastNanos) / 1000);
        lastNanos = now;
        currentsMa = load.currentsMa();
        for (Map.Entry<MeterQuantity, RegisterPoint> entry : profile.points().entrySet()) {
            RegisterPoint point = entry.getValue();
            image.put(Table.of(point.function()), point.address(), point.fromUnits(value(entry.getKey())));
        }
        return image;
    }

    private long value(MeterQuantity quantity) {
        return switch (quantity) {
            case ENERGY_IMPORT_WH -> microjoules / Pile.MICROJOULES_PER_WH;
            case ACTIVE_POWER_W -> powerW();
            case VOLTAGE_L1_MV, VOLTAGE_L2_MV, VOLTAGE_L3_MV -> ChargingCurve.NOMINAL_VOLTAGE_V * 1000L;
            case CURRENT_L1_MA -> currentsMa[0];
            case CURRENT_L2_MA -> currentsMa[1];
            case CURRENT_L3_MA -> currentsMa[2];
        };
    }

    private long powerW() {
        return (currentsMa[0] + currentsMa[1] + currentsMa[2]) * ChargingCurve.NOMINAL_VOLTAGE_V / 1000;
    }
}
