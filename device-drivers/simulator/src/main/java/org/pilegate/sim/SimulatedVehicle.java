package org.pilegate.sim;

import java.util.Objects;

import org.pilegate.api.vehicle.VehicleId;

/**
 * A vehicle plugged into a simulated pile.
 *
 * @param id what the pile's relay reports as the vehicle's identifier
 * @param capacityWh usable battery capacity
 * @param stateOfCharge charged fraction of the capacity, 0..1
 * @param maxPowerW most power the on-board charger draws
 */
public record SimulatedVehicle(VehicleId id, long capacityWh, double stateOfCharge, long maxPowerW) {

    /** An AC on-board charger's typical limit: 16 A on three phases. */
    public static final long DEFAULT_MAX_POWER_W = 11_000;

    public SimulatedVehicle {
        Objects.requireNonNull(id, "id");
        if (capacityWh < 1 || capacityWh > 1_000_000) {
            throw new IllegalArgumentException("capacityWh must be 1..1000000, was " + capacityWh);
        }
        if (!(stateOfCharge >= 0 && stateOfCharge <= 1)) {
            throw new IllegalArgumentException("stateOfCharge must be 0..1, was " + stateOfCharge);
        }
        if (maxPowerW < 1 || maxPowerW > 1_000_000) {
            throw new IllegalArgumentException("maxPowerW must be 1..1000000, was " + maxPowerW);
        }
    }

    public SimulatedVehicle(VehicleId id, long capacityWh, double stateOfCharge) {
        this(id, capacityWh, stateOfCharge, DEFAULT_MAX_POWER_W);
    }
}
