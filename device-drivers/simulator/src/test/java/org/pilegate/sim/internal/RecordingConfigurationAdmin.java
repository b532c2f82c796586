package org.pilegate.sim.internal;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuration Admin reduced to named factory configurations held in memory, for lifecycle tests. */
final class RecordingConfigurationAdmin {

    /** Properties by PID ({@code factoryPid~name}). */
    final Map<String, Dictionary<String, Object>> configurations = new TreeMap<>();

    final ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(
            ConfigurationAdmin.class.getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "getFactoryConfiguration" -> configuration(args[0] + "~" + args[1]);
                case "listConfigurations" -> configurations.isEmpty() ? null : configurations.keySet().stream()
                        .filter(pid -> Boolean.TRUE.equals(configurations.get(pid).get(SimulatedDepotDrivers.SIMULATED)))
                        .map(this::configuration)
                        .toArray(Configuration[]::new);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @SuppressWarnings("unchecked")
    private Configuration configuration(String pid) {
        return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "updateIfDifferent" -> {
                        boolean changed = !args[0].equals(configurations.get(pid));
                        configurations.put(pid, (Dictionary<String, Object>) args[0]);
                        yield changed;
                    }
                    case "delete" -> {
                        configurations.remove(pid);
                        yield null;
                    }
                    case "getProperties" -> configurations.getOrDefault(pid, null);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Map<String, Object> properties(String pid) {
        Dictionary<String, Object> dictionary = configurations.get(pid);
        Map<String, Object> map = new TreeMap<>();
        for (String key : Collections.list(dictionary.keys())) {
            map.put(key, dictionary.get(key));
        }
        return map;
    }
}
