package org.pilegate.api.relay;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pilegate.api.vehicle.VehicleId;

/**
 * What a pile's relay driver reports: contactor, control pilot and the vehicle it identified.
 *
 * @param contactorClosed whether the contactor is closed (connector live)
 * @param plugState control pilot state
 * @param vehicleId vehicle identified at the pile (RFID tap or ISO 15118), if any
 * @param currentLimitA current offered to the vehicle in A
 * @param timestamp when the driver read this state
 */
public record RelayState(
        boolean contactorClosed,
        PlugState plugState,
        Optional<VehicleId> vehicleId,
        int currentLimitA,
        Instant timestamp) {

    public RelayState {
        Objects.requireNonNull(plugState, "plugState");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(timestamp, "timestamp");
        RelayCommand.checkCurrentLimitA(currentLimitA);
    }
}
