package org.pilegate.relay.modbus.internal;

/**
 * A relay configuration in force, with the reads it implies.
 *
 * @param plan everything a full read asks for
 * @param signals the plug and the contactor, which a poll reads every time
 */
record RelayDevice(RelaySettings settings, RelayPlan plan, RelayPlan signals) {

    static RelayDevice of(RelaySettings settings) {
        return new RelayDevice(settings, RelayPlan.of(settings.profile(), settings.unitId()),
                RelayPlan.signalsOf(settings.profile(), settings.unitId()));
    }
}
