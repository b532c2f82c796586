package org.pilegate.sim.internal;

/**
 * A simple constant-current, constant-voltage curve: full power up to 80 % state of charge, then falling in
 * proportion to the room left, but never below a tenth of full power so that the battery does fill up.
 */
final class ChargingCurve {

    static final int NOMINAL_VOLTAGE_V = 230;
    static final int PHASES = 3;

    private ChargingCurve() {
    }

    /**
     * Power a vehicle draws.
     *
     * @param vehicleMaxW what its on-board charger takes at most
     * @param currentLimitA what the pile offers per phase
     * @param phases how many phases the pile charges on
     * @param stored energy in the battery, in µJ
     * @param capacity battery capacity, in µJ
     */
    static long powerW(long vehicleMaxW, int currentLimitA, int phases, long stored, long capacity) {
        long room = capacity - stored;
        if (room <= 0) {
            return 0;
        }
        long full = Math.min(vehicleMaxW, (long) currentLimitA * NOMINAL_VOLTAGE_V * phases);
        long taper = capacity / 5;
        if (room >= taper) {
            return full;
        }
        return Math.round(full * (double) Math.max(room, taper / 10) / taper);
    }
}
