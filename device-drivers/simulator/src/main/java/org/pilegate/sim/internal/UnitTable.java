package org.pilegate.sim.internal;

import java.util.Objects;
import java.util.Optional;

/** The devices behind one TCP port, by unit id. */
final class UnitTable {

    private final ModbusDevice[] devices = new ModbusDevice[256];

    UnitTable put(int unitId, ModbusDevice device) {
        Objects.requireNonNull(device, "device");
        if (devices[Objects.checkIndex(unitId, devices.length)] != null) {
            throw new IllegalArgumentException("unit id " + unitId + " is taken");
        }
        devices[unitId] = device;
        return this;
    }

    Optional<ModbusDevice> device(int unitId) {
        return Optional.ofNullable(devices[unitId]);
    }
}
