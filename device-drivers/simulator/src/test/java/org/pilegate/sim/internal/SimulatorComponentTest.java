package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pilegate.device.config.InvalidConfigurationException;
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
        assertServes(address);

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
        assertEquals(Map.of("id", "sim-02", "meter", "sim-02.meter", "relay", "sim-02.relay", "phases", 3,
                "phaseRotation", "L2L3L1", "pilegate.simulated", true),
                configurations.properties("org.pilegate.pile~sim-02"));
        assertEquals(6, configurations.configurations.size(), "the third pile's configurations are surplus");

        new SimulatorComponent(context, config(Map.of("enabled", false)), configurations.admin).deactivate();
        assertEquals(Map.of(), configurations.configurations);
    }

    @Test
    void aSiteMeterAndSinglePhasePilesAreProvisionedAsWired() throws IOException {
        SimulatorComponent component = new SimulatorComponent(context, config(Map.of("basePort", 0, "pileCount", 2,
                "phaseRotations", "L3, L2L3L1", "siteBaseLoadA", "40/30/20")), configurations.admin);
        DepotSimulator depot = (DepotSimulator) registered.get(0);
        component.deactivate();

        assertEquals(Map.of("id", "sim-01", "meter", "sim-01.meter", "relay", "sim-01.relay", "phases", 1,
                "phaseRotation", "L3", "pilegate.simulated", true),
                configurations.properties("org.pilegate.pile~sim-01"));
        assertEquals(Map.of("id", "sim-site.meter", "host", depot.address(0).host(), "port", depot.address(0).port(),
                "unitId", 247, "profile", "eastron-sdm630", "pilegate.simulated", true),
                configurations.properties("org.pilegate.meter.modbus~sim-site"));
    }

    @Test
    void wrongWiringOrBuildingLoadIsRefusedNamingTheKey() {
        assertRefused(Map.of("basePort", 0, "phaseRotations", "L1L2"),
                "configuration org.pilegate.sim: phaseRotations: a pile is wired to 1 or 3 phases, not 'L1L2'");
        assertRefused(Map.of("basePort", 0, "phaseRotations", "L1, L4"),
                "configuration org.pilegate.sim: phaseRotations: 'L4' in ' L4' is no phase");
        assertRefused(Map.of("basePort", 0, "siteBaseLoadA", "40/30"),
                "configuration org.pilegate.sim: siteBaseLoadA: a current is one value for all phases or three");
        assertEquals(List.of(), registered);
    }

    private void assertRefused(Map<String, Object> first, String messageStart) {
        String message = assertThrows(InvalidConfigurationException.class,
                () -> new SimulatorComponent(context, config(first), configurations.admin)).getMessage();
        assertTrue(message.startsWith(messageStart), message);
    }

    @Test
    void unknownProfileFailsActivationNamingPidAndKey() {
        String message = assertThrows(InvalidConfigurationException.class, () -> new SimulatorComponent(context,
                config(Map.of("basePort", 0, "meterProfile", "no-such-meter")), configurations.admin)).getMessage();
        assertTrue(message.startsWith("configuration org.pilegate.sim: meterProfile: profile "), message);
        assertEquals(List.of(), registered);
    }

    @Test
    void aBadUpdateKeepsTheRunningSimulationAndAGoodOneRestartsIt() throws IOException {
        SimulatorComponent component = new SimulatorComponent(context,
                config(Map.of("basePort", 0, "pileCount", 3)), configurations.admin);
        DepotSimulator running = (DepotSimulator) registered.get(0);

        assertRefused(component, Map.of("basePort", 0, "pilesPerPort", 124),
                "configuration org.pilegate.sim: pilesPerPort: must be 1..123, was 124");
        assertRefused(component, Map.of("basePort", 0, "pileCount", 0),
                "configuration org.pilegate.sim: pileCount: must be 1 or more, was 0");
        assertRefused(component, Map.of("basePort", 65535, "pileCount", 30),
                "configuration org.pilegate.sim: basePort: 30 piles at 10 per port need ports 65535..65537,"
                        + " beyond 65535");
        assertRefused(component, Map.of("basePort", 0, "relayProfile", "no-such-relay"),
                "configuration org.pilegate.sim: relayProfile: profile ");
        assertRefused(component, Map.of("basePort", 0, "host", " "),
                "configuration org.pilegate.sim: host: required, but missing or blank");
        assertEquals(List.of(running), registered);
        assertServes(running.address(2));

        component.modified(config(Map.of("basePort", 0, "pileCount", 5)));

        DepotSimulator restarted = (DepotSimulator) registered.get(0);
        assertEquals(1, registered.size());
        assertEquals(5, restarted.pileCount());
        assertServes(restarted.address(4));
        component.deactivate();
    }

    @Test
    void anUpdateToATakenPortRestartsTheLastGoodSimulation() throws IOException {
        SimulatorComponent component = new SimulatorComponent(context,
                config(Map.of("basePort", 0, "pileCount", 2)), configurations.admin);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String message = assertThrows(InvalidConfigurationException.class, () -> component.modified(
                    config(Map.of("basePort", taken.getLocalPort(), "pileCount", 2)))).getMessage();
            assertTrue(message.startsWith("configuration org.pilegate.sim: host/basePort: the simulation cannot"
                    + " start ("), message);
            assertTrue(message.endsWith("; the previous one runs again"), message);
        }
        DepotSimulator running = (DepotSimulator) registered.get(0);
        assertEquals(2, running.pileCount());
        assertServes(running.address(1));
        component.deactivate();
    }

    private void assertRefused(SimulatorComponent component, Map<String, Object> update, String messageStart) {
        String message = assertThrows(InvalidConfigurationException.class,
                () -> component.modified(config(update))).getMessage();
        assertTrue(message.startsWith(messageStart), message);
    }

    private static void assertServes(PileAddress address) throws IOException {
        try (RawClient client = new RawClient(address)) {
            client.send(RawClient.request(1, address.meterUnitId(), "04" + "0000" + "0002"));
            assertTrue(client.readFrame().startsWith("0001" + "0000" + "0007"));
        }
    }
}
