package org.pilegate.ocpp16.internal;

import java.time.Duration;

/** The central system's configuration, checked: a wrong value is refused naming the PID, the key and why. */
record OcppSetup(int heartbeatIntervalS, Duration callTimeout, Duration identifyWait, int maxRefusedPerMinute,
        int phases, int nominalVoltageV) {

    static OcppSetup of(OcppConfig config) {
        check("heartbeatIntervalS", config.heartbeatIntervalS(), 10, 86_400);
        check("callTimeoutS", config.callTimeoutS(), 1, 300);
        check("identifyWaitS", config.identifyWaitS(), 0, 300);
        check("maxRefusedPerMinute", config.maxRefusedPerMinute(), 1, 10_000);
        check("phases", config.phases(), 1, 3);
        check("nominalVoltageV", config.nominalVoltageV(), 100, 400);
        return new OcppSetup(config.heartbeatIntervalS(), Duration.ofSeconds(config.callTimeoutS()),
                Duration.ofSeconds(config.identifyWaitS()), config.maxRefusedPerMinute(), config.phases(),
                config.nominalVoltageV());
    }

    /** The unit and conversion of charging limits for a charge point that takes power only, or not. */
    ChargingRate rate(boolean onlyPower) {
        return new ChargingRate(onlyPower, phases, nominalVoltageV);
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("configuration " + CentralSystemComponent.PID + ": " + key
                    + ": must be " + min + ".." + max + ", not " + value);
        }
    }
}
