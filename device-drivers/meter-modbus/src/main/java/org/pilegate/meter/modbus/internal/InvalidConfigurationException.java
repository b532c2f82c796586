package org.pilegate.meter.modbus.internal;

import java.util.Map;

/** A meter configuration that cannot be used; the message names the configuration, the key and what is wrong. */
final class InvalidConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    InvalidConfigurationException(String pid, String key, String problem) {
        super("configuration " + pid + ": " + key + ": " + problem);
    }

    /** The PID operators know the configuration by, e.g. {@code org.pilegate.meter.modbus~bay-07}. */
    static String pidOf(Map<String, ?> properties, String factoryPid) {
        Object pid = properties.get("service.pid");
        return pid != null ? pid.toString() : factoryPid;
    }
}
