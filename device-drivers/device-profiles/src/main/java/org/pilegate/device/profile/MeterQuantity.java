package org.pilegate.device.profile;

/** What a meter profile can map, each in the unit the gateway uses for it. */
public enum MeterQuantity {
    /** Absolute imported active energy register. */
    ENERGY_IMPORT_WH("Wh"),
    /** Total active power, positive towards the vehicle. */
    ACTIVE_POWER_W("W"),
    VOLTAGE_L1_MV("mV"),
    VOLTAGE_L2_MV("mV"),
    VOLTAGE_L3_MV("mV"),
    CURRENT_L1_MA("mA"),
    CURRENT_L2_MA("mA"),
    CURRENT_L3_MA("mA");

    private final String unit;

    MeterQuantity(String unit) {
        this.unit = unit;
    }

    public String unit() {
        return unit;
    }
}
