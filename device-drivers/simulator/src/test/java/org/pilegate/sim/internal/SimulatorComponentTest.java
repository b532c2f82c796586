package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.device.profile.InvalidProfileException;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.PileAddress;

/** The component through its lifecycle, with a framework that only records registrations. */
class SimulatorComponentTest {

    private final List<Object> registered = new ArrayList<>();
    private final RecordingConfigurationAdmin configurations = new RecordingConfigurationAdmin();

    private final BundleContext context = proxy(BundleContext.class, (method, args) -> {
        if (method.equals("getProperty")) {
            return null; // not in Karaf: shipped profiles only
        }
        if (!method.equals("registerService")) {
            throw new UnsupportedOperationException(method);
        }
        Object service = args[1];
        registered.add(service);
        return proxy(ServiceRegistration.class, (registrationMethod, none) -> {
            if (!registrationMethod.equals("unregister")) {
                throw new UnsupportedOperationException(registrationMethod);
            }
            registered.remove(service);
            return null;
        });
    });

    private interface Handler {
        Object handle(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.handle(method.getName(), args)));
    }

    /** The configuration's defaults with {@code overrides}, on free ports. */
    private static SimulatorConfig config(Map<String, Object> overrides) {
        return (SimulatorConfig) Proxy.newProxyInstance(SimulatorConfig.class.getClassLoader(),
                new Class<?>[] {SimulatorConfig.class}, (proxy, method, args) -> overrides.containsKey(
                        method.getName()) ? overrides.get(method.getName()) : method.getDefaultValue());
    }

    @Test
    void servesAndRegistersUntilDeactivated() throws IOException {
        SimulatorComponent component = new SimulatorComponent(context,
                config(Map.of("basePort", 0, "pileCount", 3, "tickMs", 20)), configurations.admin);
        assertEquals(1, registered.size());
        DepotSimulator depot = (DepotSimulator) registered.get(0);
        assertEquals(3, depot.pileCount());
        PileAddress address = depot.address(2);
        try (RawClient client = new RawClient(address)) {
            client.send(RawClient.request(1, address.meterUnitId(), "04" + "0000" + "0002"));
            assertTrue(client.readFrame().startsWith("0001" + "0000" + "0007"));
        }

        component.deactivate();
        assertEquals(List.of(), registered);
        assertThrows(ConnectException.class, () -> new RawClient(address).close());
    }

    @Test
    void disabledServesNothing() throws IOException {
        new SimulatorComponent(context, config(Map.of("enabled", false, "basePort", 0)), configurations.admin)
                .deactivate();
        assertEquals(List.of(), registered);
    }

    @Test
    void simulatedPilesGetTheirDriverConfigurationsAndLoseThemWhenDisabled() throws IOException {
        SimulatorComponent three = new SimulatorComponent(context,
                config(Map.of("basePort", 0, "pileCount", 3)), configurations.admin);
        DepotSimulator depot = (DepotSimulator) registered.get(0);
        PileAddress third = depot.address(2);
        three.deactivate();

        assertEquals(List.of("org.pilegate.meter.modbus~sim-01", "org.pilegate.meter.modbus~sim-02",
                "org.pilegate.meter.modbus~sim-03", "org.pilegate.pile~sim-01", "org.pilegate.pile~sim-02",
                "org.pilegate.pile~sim-03", "org.pilegate.relay.modbus~sim-01",
                "org.pilegate.relay.modbus~sim-02", "org.pilegate.relay.modbus~sim-03"),
                List.copyOf(configurations.configurations.keySet()));
        assertEquals(Map.of("id", "sim-03.relay", "host", third.host(), "port", third.port(),
                "unitId", third.relayUnitId(), "profile", "pilegate-generic-relay", "pilegate.simulated", true),
                configurations.properties("org.pilegate.relay.modbus~sim-03"));

        new SimulatorComponent(context, config(Map.of("basePort", 0, "pileCount", 2)), configurations.admin)
                .deactivate();
        assertEquals(Map.of("id", "sim-02", "meter", "sim-02.meter", "relay", "sim-02.relay",
                "pilegate.simulated", true), configurations.properties("org.pilegate.pile~sim-02"));
        assertEquals(6, configurations.configurations.size(), "the third pile's configurations are surplus");

        new SimulatorComponent(context, config(Map.of("enabled", false)), configurations.admin).deactivate();
        assertEquals(Map.of(), configurations.configurations);
    }

    @Test
    void unknownProfileFailsActivation() {
        assertThrows(InvalidProfileException.class, () -> new SimulatorComponent(context,
                config(Map.of("basePort", 0, "meterProfile", "no-such-meter")), configurations.admin));
        assertEquals(List.of(), registered);
    }
}
