package org.pilegate.relay.modbus.internal;

/** A relay configuration in force, with the reads it implies. */
record RelayDevice(RelaySettings settings, RelayPlan plan) {

    static RelayDevice of(RelaySettings settings) {
        return new RelayDevice(settings, RelayPlan.of(settings.profile(), settings.unitId()));
    }
}
