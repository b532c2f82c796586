package org.pilegate.device.config;

import java.util.Map;

/** A device configuration that cannot be used; the message names the configuration, the key and what is wrong. */
public final class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String pid, String key, String problem) {
        super("configuration " + pid + ": " + key + ": " + problem);
    }

    /** The PID operators know the configuration by, e.g. {@code org.pilegate.meter.modbus~bay-07}. */
    public static String pidOf(Map<String, ?> properties, String factoryPid) {
        Object pid = properties.get("service.pid");
        return pid != null ? pid.toString() : factoryPid;
    }

    /** {@code value} stripped; it must not be missing or blank. */
    public static String requireText(String pid, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(pid, key, "required, but missing or blank");
        }
        return value.strip();
    }

    /** {@code value}, which must lie in {@code min..max}. */
    public static int requireRange(String pid, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException(pid, key, "must be " + min
                    + (max == Integer.MAX_VALUE ? " or more" : ".." + max) + ", was " + value);
        }
        return value;
    }
}
