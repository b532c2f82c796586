package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.ComponentFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.pilegate.api.meter.Meter;
import org.pilegate.api.pile.PileController;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.relay.Relay;
import org.pilegate.api.uplink.UplinkBacklog;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.PileAddress;

/** An operator installs the distribution and starts it: every part of pilegate comes up, guarded by a secret. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class GatewayBootsIT extends InsideGateway {

    @Inject
    private ServiceComponentRuntime componentRuntime;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Inject
    @Filter(timeout = 120_000)
    private UplinkBacklog uplink;

    @Inject
    private DepotSimulator depot;

    @Test
    public void everyPilegateBundleIsActive() {
        List<Bundle> pilegate = pilegateBundles();
        List<String> names = pilegate.stream().map(Bundle::getSymbolicName).sorted().toList();
        assertTrue("expected the pilegate bundles, found " + names,
                names.containsAll(List.of("org.pilegate.api", "org.pilegate.camel-runtime",
                        "org.pilegate.platform", "org.pilegate.routing",
                        "org.pilegate.j2mod", "org.pilegate.modbus-transport", "org.pilegate.store", "org.pilegate.device-profiles",
                        "org.pilegate.meter-modbus", "org.pilegate.relay-modbus", "org.pilegate.simulator", "org.pilegate.pile",
                        "org.pilegate.shell", "org.pilegate.session", "org.pilegate.wallet", "org.pilegate.tariff",
                        "org.pilegate.metrics", "org.pilegate.opcua", "org.pilegate.web", "org.pilegate.ocpp16",
                        "org.pilegate.uplink")));
        String notActive = pilegate.stream()
                .filter(bundle -> bundle.getState() != Bundle.ACTIVE)
                .map(bundle -> bundle.getSymbolicName() + " in state " + bundle.getState())
                .collect(Collectors.joining(", "));
        assertEquals("bundles not active", "", notActive);
    }

    /** j2mod's per-byte traces cost a level compare through java.util.logging, not a walk through pax-logging. */
    @Test
    public void j2modLogsThroughJavaUtilLogging() throws Exception {
        Bundle j2mod = Arrays.stream(context.getBundles())
                .filter(bundle -> "org.pilegate.j2mod".equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle org.pilegate.j2mod"));
        Class<?> loggerFactory = j2mod.loadClass("org.slf4j.LoggerFactory");
        Object factory = loggerFactory.getMethod("getILoggerFactory").invoke(null);
        assertEquals("org.slf4j.impl.JDK14LoggerFactory", factory.getClass().getName());
        assertEquals(j2mod, FrameworkUtil.getBundle(factory.getClass()));
    }

    @Test
    public void everyPilegateComponentIsSatisfied() throws InvalidSyntaxException {
        List<ComponentDescriptionDTO> components = componentRuntime
                .getComponentDescriptionDTOs(pilegateBundles().toArray(Bundle[]::new)).stream().toList();
        assertFalse("no pilegate DS components found", components.isEmpty());
        StringBuilder unsatisfied = new StringBuilder();
        for (ComponentDescriptionDTO component : components) {
            if (!componentRuntime.isComponentEnabled(component)) {
                unsatisfied.append(component.name).append(" disabled; ");
                continue;
            }
            var configurations = componentRuntime.getComponentConfigurationDTOs(component);
            boolean waitsForFactoryConfiguration = "require".equals(component.configurationPolicy);
            if (component.factory != null) {
                // a component factory has configurations only once instances are made; offered, it is satisfied
                if (context.getServiceReferences(ComponentFactory.class,
                        "(" + ComponentConstants.COMPONENT_FACTORY + "=" + component.factory + ")").isEmpty()) {
                    unsatisfied.append(component.name).append(" offers no factory; ");
                }
            } else if (configurations.isEmpty() && !waitsForFactoryConfiguration) {
                unsatisfied.append(component.name).append(" has no configuration; ");
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    unsatisfied.append(component.name).append(" unsatisfied: ")
                            .append(Arrays.stream(configuration.unsatisfiedReferences)
                                    .map(reference -> reference.name).toList())
                            .append("; ");
                }
            }
        }
        assertEquals("components not satisfied", "", unsatisfied.toString());
    }

    @Test
    public void operatorAccountHasAGeneratedSecretAndNoDefaultPassword() throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        String password = Files.readString(etc.resolve("admin.password"), StandardCharsets.UTF_8).strip();
        assertTrue("generated password too short: " + password.length(), password.length() >= 20);
        String users = Files.readString(etc.resolve("users.properties"), StandardCharsets.ISO_8859_1);
        assertFalse("users.properties must not hold the plain password", users.contains(password));
        assertTrue("stored salted with bcrypt: " + users, users.contains("admin = {CRYPT}$2a$10$"));

        login("admin", password);
        assertLoginRefused("admin", "admin");
        assertLoginRefused("karaf", "karaf");
    }

    /**
     * The Kafka client, embedded in the uplink's bundle, works in the container: enabled towards a port where no
     * broker listens, the uplink records the depot's telemetry and its sends fail with Kafka's own timeout, which the
     * backlog reports. Disabled again afterwards, as it ships.
     */
    @Test
    public void theUplinkRecordsAndTriesToSendOnceEnabled() throws Exception {
        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("org.pilegate.uplink",
                null);
        Dictionary<String, Object> shipped = configuration.getProperties();
        assertFalse("disabled as shipped", uplink.backlog().enabled());
        Dictionary<String, Object> enabled = new Hashtable<>();
        for (String[] setting : new String[][] {{"bootstrapServers", "127.0.0.1:" + freePort()},
                {"siteId", "depot-itest"}, {"securityProtocol", "PLAINTEXT"}, {"ocpiCountryCode", "DE"},
                {"ocpiPartyId", "PLG"}, {"siteAddress", "Hafenstrasse 1"}, {"siteCity", "Hamburg"},
                {"siteCountry", "DEU"}, {"siteCoordinates", "53.541,9.984"}}) {
            enabled.put(setting[0], setting[1]);
        }
        enabled.put("enabled", Boolean.TRUE);
        enabled.put("telemetryIntervalS", 10);
        configuration.update(enabled);
        try {
            Instant deadline = Instant.now().plusSeconds(90);
            UplinkBacklog.Backlog backlog = uplink.backlog();
            while (backlog.lastError().isEmpty() || backlog.events() == 0) {
                assertTrue("no failed send reported: " + backlog, Instant.now().isBefore(deadline));
                Thread.sleep(500);
                backlog = uplink.backlog();
            }
            assertTrue(backlog.toString(), backlog.enabled());
            assertTrue(backlog.toString(), backlog.lastError().get().startsWith("TimeoutException"));
            assertEquals("telemetry only: no session ran", 0, backlog.billingEvents());
        } finally {
            configuration.update(shipped == null ? new Hashtable<>() : shipped);
        }
    }

    /** An account an earlier gateway stored as an unsalted SHA-256 digest signs in, and is stored anew with bcrypt. */
    @Test
    public void anUnsaltedSha256AccountSignsInOnceAndIsHashedAgain() throws Exception {
        Path usersFile = Path.of(System.getProperty("karaf.etc")).resolve("users.properties");
        // sha-256("old-pass-1"), as earlier gateways stored it
        String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("old-pass-1".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(usersFile, "legacy = {CRYPT}" + legacy + "{CRYPT},_g_:admingroup\n",
                StandardCharsets.ISO_8859_1, StandardOpenOption.APPEND);

        assertLoginRefused("legacy", "old-pass-2");
        login("legacy", "old-pass-1");

        String users = Files.readString(usersFile, StandardCharsets.ISO_8859_1);
        assertFalse("the unsalted digest is gone", users.contains(legacy));
        assertTrue(users, users.contains("legacy = {CRYPT}$2a$10$"));
        login("legacy", "old-pass-1");
        assertLoginRefused("legacy", "old-pass-2");
    }

    /**
     * A pile listed in the depot's pile table runs without a configuration of its own, offered as any other pile, and
     * stops when its row goes. Its devices are the simulator's last pile's, read beside that pile.
     */
    @Test
    public void aPileOfThePileTableRunsWithoutAConfigurationAndStopsWhenItsRowGoes() throws Exception {
        PileAddress devices = depot.address(depot.pileCount() - 1);
        Path table = Path.of(System.getProperty("karaf.etc"), "pilegate-piles.csv");
        Files.writeString(table, "id, meter.host, meter.port, meter.unitId, relay.host, relay.port, relay.unitId\n"
                + String.join(", ", "table-01", devices.host(), Integer.toString(devices.port()),
                        Integer.toString(devices.meterUnitId()), devices.host(), Integer.toString(devices.port()),
                        Integer.toString(devices.relayUnitId())) + "\n");
        String pileFilter = "(" + PileController.ID_PROPERTY + "=table-01)";
        try {
            PileController pile = Services.await(context, PileController.class, pileFilter, Duration.ofSeconds(60));
            Services.awaitTrue("table-01 available, its devices answering", Duration.ofSeconds(60),
                    () -> pile.devicesSeen() && pile.status().state() == PileState.AVAILABLE);
            assertNull("no configuration stands for it", configurationAdmin.listConfigurations("(id=table-01*)"));

            Files.delete(table);
            Services.awaitTrue("table-01 gone with its row", Duration.ofSeconds(30),
                    () -> !running(PileController.class, pileFilter)
                            && !running(Meter.class, "(" + Meter.ID_PROPERTY + "=table-01.meter)")
                            && !running(Relay.class, "(" + Relay.ID_PROPERTY + "=table-01.relay)"));
        } finally {
            Files.deleteIfExists(table);
        }
    }

    private boolean running(Class<?> type, String filter) {
        try {
            return !context.getServiceReferences(type, filter).isEmpty();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    private List<Bundle> pilegateBundles() {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getSymbolicName().startsWith("org.pilegate."))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static void login(String user, String password) throws LoginException {
        LoginContext login = new LoginContext("karaf", callbacks -> {
            ((NameCallback) callbacks[0]).setName(user);
            ((PasswordCallback) callbacks[1]).setPassword(password.toCharArray());
        });
        login.login();
        login.logout();
    }

    private static void assertLoginRefused(String user, String password) {
        try {
            login(user, password);
            fail("login as " + user + "/" + password + " must be refused");
        } catch (LoginException expected) {
            // refused, as it must be
        }
    }
}
