package org.pilegate.relay.modbus.internal;

import static org.pilegate.device.config.InvalidConfigurationException.requireRange;
import static org.pilegate.device.config.InvalidConfigurationException.requireText;

import org.pilegate.device.config.DeviceLink;
import org.pilegate.device.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.pilegate.device.profile.ProfileCatalog;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.FunctionCode;
import org.pilegate.modbus.ModbusEndpoint;
import org.pilegate.relay.modbus.ModbusRelay;

/**
 * A relay configuration, checked.
 *
 * @param id relay id, published as {@code pilegate.relay.id}
 * @param endpoint where the controller is reached
 * @param unitId the controller's unit identifier
 * @param profile its register map
 * @param pollInterval how often its state is read
 * @param fullReadInterval how often a poll also reads the current limit and a vehicle id already known
 * @param timeout response timeout for its endpoint; empty keeps the transport's settings
 * @param settle how long a command may take to show in what the controller reports
 */
record RelaySettings(String id, ModbusEndpoint endpoint, int unitId, RelayProfile profile, Duration pollInterval,
        Duration fullReadInterval, Optional<Duration> timeout, Duration settle) {

    /** @throws InvalidConfigurationException naming the configuration, the key and the problem */
    static RelaySettings of(Config config, Map<String, ?> properties, ProfileCatalog catalog) {
        String pid = InvalidConfigurationException.pidOf(properties, ModbusRelay.PID);
        String id = requireText(pid, "id", config.id());
        ModbusEndpoint endpoint = DeviceLink.endpoint(pid, config.host(), config.port(), config.serialPort(),
                config.baudRate(), config.dataBits(), config.parity(), config.stopBits());
        int unitId = requireRange(pid, "unitId", config.unitId(), 0, 255);
        int pollIntervalMs = requireRange(pid, "pollIntervalMs", config.pollIntervalMs(), 10, Integer.MAX_VALUE);
        int fullReadIntervalMs = requireRange(pid, "fullReadIntervalMs", config.fullReadIntervalMs(), 0,
                Integer.MAX_VALUE);
        int timeoutMs = requireRange(pid, "timeoutMs", config.timeoutMs(), 0, Integer.MAX_VALUE);
        int settleMs = requireRange(pid, "settleMs", config.settleMs(), 0, Integer.MAX_VALUE);
        return new RelaySettings(id, endpoint, unitId, profile(pid, config, catalog),
                Duration.ofMillis(pollIntervalMs), Duration.ofMillis(fullReadIntervalMs),
                timeoutMs == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(timeoutMs)),
                Duration.ofMillis(settleMs));
    }

    private static RelayProfile profile(String pid, Config config, ProfileCatalog catalog) {
        String id = requireText(pid, "profile", config.profile());
        RelayProfile profile;
        try {
            profile = catalog.relay(id);
        } catch (IllegalArgumentException e) {
            // an unknown or broken profile (InvalidProfileException), or an id no profile can have
            throw new InvalidConfigurationException(pid, "profile", e.getMessage());
        }
        profile.currentLimit().filter(limit -> limit.function() != FunctionCode.READ_HOLDING_REGISTERS)
                .ifPresent(limit -> {
                    throw new InvalidConfigurationException(pid, "profile", "profile " + id + " keeps its current"
                            + " limit in " + limit.function() + ", which cannot be written");
                });
        return profile;
    }
}
