package org.pilegate.sim;

import java.util.OptionalInt;

import org.pilegate.api.vehicle.VehicleId;

/**
 * A running simulated depot: piles numbered {@code 0..pileCount()-1}, each a meter and a relay served over
 * Modbus TCP. The gateway switches contactors and sets current limits over Modbus, as on real hardware; this
 * interface stands in for the vehicles and for failing devices and wiring.
 */
public interface DepotSimulator {

    int pileCount();

    /** @throws IndexOutOfBoundsException if there is no such pile */
    PileAddress address(int pileIndex);

    /**
     * Plugs a vehicle in, replacing any plugged in before.
     *
     * @throws IllegalArgumentException if the relay's profile cannot hold the vehicle's id
     */
    void plug(int pileIndex, SimulatedVehicle vehicle);

    /** Plugs in a vehicle with a {@linkplain SimulatedVehicle#DEFAULT_MAX_POWER_W typical} on-board charger. */
    default void plug(int pileIndex, VehicleId vehicle, long capacityWh, double stateOfCharge) {
        plug(pileIndex, new SimulatedVehicle(vehicle, capacityWh, stateOfCharge));
    }

    /** Unplugs the vehicle, if any; the pile returns to state A. */
    void unplug(int pileIndex);

    /** Makes one device of a pile misbehave until {@link #clearFault}; replaces an earlier fault. */
    void injectFault(int pileIndex, DeviceKind device, Fault fault);

    void clearFault(int pileIndex, DeviceKind device);

    PileSnapshot snapshot(int pileIndex);

    /**
     * The unit id the site meter (the building's other load) answers as, on the port of the first pile, if the depot
     * has one.
     */
    OptionalInt siteMeterUnitId();

    /** The depot's load on each phase at its grid connection now. */
    SiteLoad siteLoad();
}
