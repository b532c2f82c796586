package org.pilegate.device.profile;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.pilegate.api.relay.PlugState;

/**
 * A pile controller model's register map: contactor, plug detection, vehicle identifier and current limit.
 *
 * @param id profile name used in configuration, e.g. "pilegate-generic-relay"
 * @param description the device, for operators
 * @param source the published register map the profile was taken from
 * @param contactor how the contactor is switched
 * @param contactorFeedback where the controller reports the contactor's actual state (non-zero = closed), if it does
 * @param plugState where the controller reports the IEC 61851 control-pilot state
 * @param plugStates raw values of {@code plugState} and the state each stands for
 * @param vehicleId where the plugged-in vehicle's identifier is, if the controller reads one
 * @param currentLimit holding register of the charging-current limit in A, if the controller has one
 */
public record RelayProfile(String id, String description, String source, ContactorOutput contactor,
        Optional<RegisterPoint> contactorFeedback, RegisterPoint plugState, Map<Long, PlugState> plugStates,
        Optional<VehicleIdBlock> vehicleId, Optional<RegisterPoint> currentLimit) {

    public RelayProfile {
        Profiles.checkId(id);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contactor, "contactor");
        Objects.requireNonNull(contactorFeedback, "contactorFeedback");
        Objects.requireNonNull(plugState, "plugState");
        Objects.requireNonNull(plugStates, "plugStates");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(currentLimit, "currentLimit");
        if (!plugStates.containsValue(PlugState.A)) {
            throw new IllegalArgumentException("plugStates: no value stands for A (no vehicle)");
        }
        plugStates = Map.copyOf(plugStates);
    }

    /** The plug state a raw register value stands for; unknown values read as an error state. */
    public PlugState plugStateOf(long raw) {
        return plugStates.getOrDefault(raw, PlugState.F);
    }

    /** The raw value the controller reports for {@code state}; for devices serving the profile. */
    public long rawOf(PlugState state) {
        return plugStates.entrySet().stream()
                .filter(entry -> entry.getValue() == state)
                .mapToLong(Map.Entry::getKey)
                .min()
                .orElseThrow(() -> new IllegalArgumentException("profile " + id + " has no value for " + state));
    }
}
