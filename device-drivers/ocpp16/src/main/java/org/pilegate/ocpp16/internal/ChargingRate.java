package org.pilegate.ocpp16.internal;

/**
 * The unit a charge point takes charging limits in: amperes per phase, or watts for one that only takes power
 * (its ChargingScheduleAllowedChargingRateUnit says Power). Watts are the amperes over its phases at the nominal
 * voltage.
 *
 * @param watts whether the charge point takes watts
 * @param phases how many phases its connectors are wired with
 * @param nominalVoltageV the line-to-neutral voltage
 */
record ChargingRate(boolean watts, int phases, int nominalVoltageV) {

    ChargingRate {
        if (phases < 1 || phases > 3) {
            throw new IllegalArgumentException("phases must be 1..3: " + phases);
        }
        if (nominalVoltageV < 1) {
            throw new IllegalArgumentException("nominalVoltageV must be positive: " + nominalVoltageV);
        }
    }

    /** What ChargingScheduleAllowedChargingRateUnit ("Current", "Power", or both, comma-separated) allows. */
    static boolean onlyPower(String allowedUnits) {
        boolean current = false;
        boolean power = false;
        for (String unit : allowedUnits.split(",")) {
            current |= "Current".equalsIgnoreCase(unit.strip());
            power |= "Power".equalsIgnoreCase(unit.strip());
        }
        return power && !current;
    }

    /** OCPP's chargingRateUnit. */
    String unit() {
        return watts ? "W" : "A";
    }

    /** The limit for {@code currentA} per phase, in this unit. */
    double limit(int currentA) {
        return watts ? (double) currentA * phases * nominalVoltageV : currentA;
    }
}
