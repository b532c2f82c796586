package org.pilegate.device.profile;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A meter model's register map.
 *
 * @param id profile name used in configuration, e.g. "eastron-sdm630"
 * @param description the device, for operators
 * @param source the published register map the profile was taken from
 * @param points where each quantity is held; energy import and active power are required
 */
public record MeterProfile(String id, String description, String source, Map<MeterQuantity, RegisterPoint> points) {

    public MeterProfile {
        Profiles.checkId(id);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(points, "points");
        for (MeterQuantity required : new MeterQuantity[] {MeterQuantity.ENERGY_IMPORT_WH,
                MeterQuantity.ACTIVE_POWER_W}) {
            if (!points.containsKey(required)) {
                throw new IllegalArgumentException("points: " + required + " is required");
            }
        }
        points = Map.copyOf(new EnumMap<>(points));
    }
}
