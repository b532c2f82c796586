package org.pilegate.meter.modbus.internal;

import static org.pilegate.device.config.InvalidConfigurationException.requireRange;
import static org.pilegate.device.config.InvalidConfigurationException.requireText;

import org.pilegate.device.config.DeviceLink;
import org.pilegate.device.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.meter.modbus.ModbusMeter;
import org.pilegate.modbus.ModbusEndpoint;

/**
 * A meter configuration, checked.
 *
 * @param id meter id, published as {@code pilegate.meter.id}
 * @param endpoint where the meter is reached
 * @param unitId the meter's unit identifier
 * @param profile its register map
 * @param pollInterval how often it is read
 * @param timeout response timeout for its endpoint; empty keeps the transport's settings
 * @param staleAfter how long it may stay silent before its reading is STALE
 * @param mergeGap unused registers a merged request may span
 * @param maxPowerW largest plausible power
 * @param energyToleranceWh largest step back of the energy register taken as rounding
 */
record MeterSettings(String id, ModbusEndpoint endpoint, int unitId, MeterProfile profile, Duration pollInterval,
        Optional<Duration> timeout, Duration staleAfter, int mergeGap, long maxPowerW, long energyToleranceWh) {

    /**
     * Checks a configuration; {@code properties} are all of its keys, for a custom register map.
     *
     * @throws InvalidConfigurationException naming the configuration, the key and the problem
     */
    static MeterSettings of(Config config, Map<String, ?> properties, ProfileCatalog catalog) {
        String pid = InvalidConfigurationException.pidOf(properties, ModbusMeter.PID);
        String id = requireText(pid, "id", config.id());
        ModbusEndpoint endpoint = DeviceLink.endpoint(pid, config.host(), config.port(), config.serialPort(),
                config.baudRate(), config.dataBits(), config.parity(), config.stopBits());
        int unitId = requireRange(pid, "unitId", config.unitId(), 0, 255);
        int pollIntervalMs = requireRange(pid, "pollIntervalMs", config.pollIntervalMs(), 10, Integer.MAX_VALUE);
        int timeoutMs = requireRange(pid, "timeoutMs", config.timeoutMs(), 0, Integer.MAX_VALUE);
        int staleAfterMs = config.staleAfterMs();
        if (staleAfterMs <= pollIntervalMs) {
            // a meter answering once per interval would otherwise flap between STALE and GOOD
            throw new InvalidConfigurationException(pid, "staleAfterMs", "must be longer than pollIntervalMs ("
                    + pollIntervalMs + "), was " + staleAfterMs);
        }
        int mergeGap = requireRange(pid, "mergeGap", config.mergeGap(), 0, Integer.MAX_VALUE);
        int maxPowerW = requireRange(pid, "maxPowerW", config.maxPowerW(), 1, Integer.MAX_VALUE);
        int toleranceWh = requireRange(pid, "energyToleranceWh", config.energyToleranceWh(), 0, Integer.MAX_VALUE);
        return new MeterSettings(id, endpoint, unitId, profile(pid, config, properties, catalog),
                Duration.ofMillis(pollIntervalMs),
                timeoutMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(timeoutMs)),
                Duration.ofMillis(staleAfterMs), mergeGap, maxPowerW, toleranceWh);
    }

    /** Whether {@code other} reads the same device the same way, so that its readings continue these. */
    boolean sameDevice(MeterSettings other) {
        return endpoint.equals(other.endpoint) && unitId == other.unitId && profile.equals(other.profile);
    }

    private static MeterProfile profile(String pid, Config config, Map<String, ?> properties,
            ProfileCatalog catalog) {
        String profile = requireText(pid, "profile", config.profile());
        if (profile.equals(CustomProfile.ID)) {
            return CustomProfile.of(pid, properties);
        }
        CustomProfile.keys(properties).stream().findFirst().ifPresent(key -> {
            throw new InvalidConfigurationException(pid, key, "only used with profile=" + CustomProfile.ID
                    + ", but profile is " + profile);
        });
        try {
            return catalog.meter(profile);
        } catch (IllegalArgumentException e) {
            // an unknown or broken profile (InvalidProfileException), or an id no profile can have
            throw new InvalidConfigurationException(pid, "profile", e.getMessage());
        }
    }
}
