package org.pilegate.sim;

import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.relay.PlugState;

/**
 * A simulated pile at one instant, as its devices would report it.
 *
 * @param pileIndex which pile, 0-based
 * @param plugState control-pilot state the relay reports
 * @param vehicle the plugged-in vehicle with its present state of charge
 * @param contactorClosed whether the contactor is closed
 * @param currentLimitA charging-current limit per phase
 * @param powerW active power delivered now
 * @param energyWh the meter's absolute import register
 */
public record PileSnapshot(int pileIndex, PlugState plugState, Optional<SimulatedVehicle> vehicle,
        boolean contactorClosed, int currentLimitA, long powerW, long energyWh) {

    public PileSnapshot {
        Objects.requireNonNull(plugState, "plugState");
        Objects.requireNonNull(vehicle, "vehicle");
    }
}
