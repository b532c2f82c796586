package org.pilegate.itests;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.inject.Inject;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedDataItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.service.cm.ConfigurationAdmin;
import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A building management system on the gateway's OPC UA server, as a real Milo client: it browses and reads the
 * simulated depot anonymously, follows a session charging through the real terminal dialogue by subscription, is
 * refused writes and calls while anonymous, and as a configured user over Basic256Sha256 SignAndEncrypt caps a
 * pile's current and stops the session, which the simulated relay shows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OpcUaIT extends InsideGateway {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ENDPOINT = "opc.tcp://127.0.0.1:4840/pilegate";
    private static final String NAMESPACE = "urn:pilegate:opcua:site";
    private static final String USER = "bms";
    private static final String PASSWORD = "building-management-" + Long.toHexString(new SecureRandom().nextLong());
    private static final String CLIENT_URI = "urn:pilegate:itest:bms";
    /** Piles no other test class plugs vehicles into. */
    private static final int PILE = 17;
    private static final String PILE_ID = "sim-18";
    private static final int READ_ONLY_PILE = 18;

    /** The server is configured once per container: anonymous browsing on, one user, the test client trusted. */
    private static KeyPair clientKeys;
    private static X509Certificate clientCertificate;

    @Inject
    private DepotSimulator depot;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Before
    public void configureTheServerOnce() throws Exception {
        if (clientCertificate != null) {
            return;
        }
        clientKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        clientCertificate = new SelfSignedCertificateBuilder(clientKeys).setCommonName("itest BMS")
                .setApplicationUri(CLIENT_URI).addDnsName("localhost").build();
        // as an operator does: the client's certificate moved into the server's trust list
        Path trusted = Path.of(System.getProperty("karaf.etc"), "opcua", "pki", "trusted", "certs");
        Files.createDirectories(trusted);
        Files.write(trusted.resolve("itest-bms.der"), clientCertificate.getEncoded());

        org.osgi.service.cm.Configuration configuration = configurationAdmin.getConfiguration("org.pilegate.opcua",
                null);
        Dictionary<String, Object> properties = configuration.getProperties() == null ? new Hashtable<>()
                : configuration.getProperties();
        properties.put("hostnames", "127.0.0.1");
        properties.put("anonymousBrowsing", "true");
        properties.put("users", userEntry(USER, PASSWORD));
        configuration.update(properties);

        // the server restarts with the new configuration; anonymous browsing is the sign it is back
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            try (Bms probe = anonymous()) {
                return;
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("no anonymous OPC UA session at " + ENDPOINT + " within " + WAIT, notYet);
                }
                Thread.sleep(500);
            }
        }
    }

    @Test
    public void aBuildingSystemBrowsesTheDepotAndReadsItsValues() throws Exception {
        try (Bms bms = anonymous()) {
            assertTrue(bms.browseNames("Site").containsAll(List.of("TotalPowerW", "EnergyTodayWh", "GridLimitW",
                    "PileCount", "Health", "Piles", "SetSitePowerLimit", "SetPileCurrentLimit", "StopSession",
                    "SetPileAvailability")));
            Services.awaitTrue("all 20 simulated piles shown", WAIT,
                    () -> bms.browseNamesUnchecked("Site/Piles").size() == depot.pileCount());
            assertTrue(bms.browseNames("Site/Piles").contains("Pile_sim-01"));
            assertEquals(UInteger.valueOf(depot.pileCount()), bms.value("Site/PileCount"));
            assertTrue(bms.browseNames("Site/Piles/sim-19").containsAll(List.of("State", "PlugState",
                    "ContactorClosed", "PowerW", "EnergyRegisterWh", "CurrentLimitA", "Available", "SessionId",
                    "SessionEnergyWh", "SessionStart", "SessionElapsed", "FaultText", "Meter")));

            String readOnly = "Site/Piles/" + String.format("sim-%02d", READ_ONLY_PILE + 1);
            assertEquals("AVAILABLE", bms.value(readOnly + "/State"));
            assertEquals("A", bms.value(readOnly + "/PlugState"));
            Services.awaitTrue("the meter's register shown", WAIT, () -> bms.valueUnchecked(
                    readOnly + "/EnergyRegisterWh") instanceof Long register
                    && register == depot.snapshot(READ_ONLY_PILE).energyWh());
            Services.awaitTrue("per-phase voltage shown", WAIT, () -> bms.valueUnchecked(
                    readOnly + "/Meter/L1VoltageV") instanceof Double volts && volts > 200 && volts < 260);
            assertEquals(Boolean.TRUE, bms.value(readOnly + "/Available"));
        }
    }

    @Test
    public void anonymousClientsCanNeitherWriteNorCall() throws Exception {
        try (Bms bms = anonymous()) {
            assertEquals(StatusCodes.Bad_UserAccessDenied,
                    bms.write("Site/GridLimitW", new Variant(10_000L)).getValue());
            assertEquals(StatusCodes.Bad_UserAccessDenied,
                    bms.call("SetSitePowerLimit", new Variant(10_000L)).getValue());
            assertEquals(StatusCodes.Bad_UserAccessDenied,
                    bms.call("StopSession", new Variant(PILE_ID)).getValue());
            assertTrue("the site limit is unchanged", !Long.valueOf(10_000).equals(bms.value("Site/GridLimitW")));
        }
    }

    @Test
    public void aWrongPasswordGetsNoSession() {
        try (Bms bms = Bms.connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                new UsernameProvider(USER, PASSWORD + "-wrong"))) {
            throw new AssertionError("a session with a wrong password: " + bms);
        } catch (Exception refused) {
            assertTrue(refused.toString(), String.valueOf(refused).contains("Bad_UserAccessDenied")
                    || String.valueOf(refused.getCause()).contains("Bad_UserAccessDenied"));
        }
    }

    @Test
    public void subscribersSeeASessionChargeAndAnOperatorCapsAndStopsIt() throws Exception {
        TerminalClient terminal = driverWithTerminal("olga");
        try (terminal; Bms anonymous = anonymous();
                Bms operator = Bms.connect(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt,
                        new UsernameProvider(USER, PASSWORD))) {
            String pile = "Site/Piles/" + PILE_ID;
            ManagedSubscription subscription = ManagedSubscription.create(anonymous.client, 250);
            BlockingQueue<Long> sessionEnergy = new LinkedBlockingQueue<>();
            ManagedDataItem item = subscription.createDataItem(anonymous.node(pile + "/SessionEnergyWh"));
            item.addDataValueListener(value -> {
                if (value.getValue().getValue() instanceof Long wh) {
                    sessionEnergy.add(wh);
                }
            });

            depot.plug(PILE, new SimulatedVehicle(new VehicleId("EV-OLGA"), 60_000, 0.2));
            String session = associateAndCharge(terminal, PILE_ID, "olga-phone");
            Services.awaitTrue("relay closed on the simulator", WAIT, () -> depot.snapshot(PILE).contactorClosed());
            Services.awaitTrue("the session shown", WAIT,
                    () -> session.equals(anonymous.valueUnchecked(pile + "/SessionId")));
            Services.awaitTrue("the pile shown charging", WAIT,
                    () -> "CHARGING".equals(anonymous.valueUnchecked(pile + "/State"))
                            && Boolean.TRUE.equals(anonymous.valueUnchecked(pile + "/ContactorClosed")));

            long first = nextPositive(sessionEnergy);
            long later = first;
            Instant deadline = Instant.now().plus(WAIT);
            while (later <= first && Instant.now().isBefore(deadline)) {
                Long next = sessionEnergy.poll(1, TimeUnit.SECONDS);
                later = next == null ? later : next;
            }
            assertTrue("the subscription sees the session's energy rise: " + first + " -> " + later, later > first);
            assertTrue((Long) anonymous.value("Site/TotalPowerW") > 0);

            assertTrue(operator.call("SetPileCurrentLimit", new Variant(PILE_ID), new Variant(8)).isGood());
            Services.awaitTrue("the simulated relay offers 8 A", WAIT,
                    () -> depot.snapshot(PILE).currentLimitA() == 8);
            assertEquals(StatusCodes.Bad_OutOfRange,
                    operator.call("SetPileCurrentLimit", new Variant(PILE_ID), new Variant(2)).getValue());

            assertTrue(operator.call("StopSession", new Variant(PILE_ID)).isGood());
            Services.awaitTrue("relay opened on the simulator", WAIT, () -> !depot.snapshot(PILE).contactorClosed());
            terminal.next(frame -> "FINISHED".equals(frame.path("state").asText()), "the finished status", WAIT);
            depot.unplug(PILE);
            Services.awaitTrue("no session shown once the vehicle left", WAIT,
                    () -> "".equals(anonymous.valueUnchecked(pile + "/SessionId")));
            assertTrue(operator.call("SetPileCurrentLimit", new Variant(PILE_ID), new Variant(0)).isGood());

            assertTrue(operator.call("SetSitePowerLimit", new Variant(40_000L)).isGood());
            Services.awaitTrue("the site limit shown", WAIT,
                    () -> Long.valueOf(40_000).equals(anonymous.valueUnchecked("Site/GridLimitW")));
            assertTrue(operator.write("Site/GridLimitW", Variant.NULL_VALUE).isGood());
            Services.awaitTrue("the site limit lifted", WAIT, () -> anonymous.valueUnchecked("Site/GridLimitW") == null);
            subscription.delete();
        } finally {
            depot.unplug(PILE);
        }
    }

    /** A registered driver whose vehicle is EV-NAME, with a connected terminal NAME-phone. */
    private TerminalClient driverWithTerminal(String name) throws Exception {
        VehicleRegistry registry = Services.await(context, VehicleRegistry.class, null, WAIT);
        TerminalCredentials credentials = Services.await(context, TerminalCredentials.class, null, WAIT);
        AccountId account = new AccountId(name);
        registry.registerAccount(account, name);
        registry.registerVehicle(new VehicleId("EV-" + name.toUpperCase()), account);
        TerminalId terminal = new TerminalId(name + "-phone");
        registry.registerTerminal(terminal, account);
        Services.await(context, Wallet.class, null, WAIT).topUp(account, Money.of(10_000, "EUR"), "opening-" + name);
        return TerminalClient.connect(credentials.issue(terminal), WAIT);
    }

    /** Answers the association prompt and asks to charge; returns the session id. */
    private static String associateAndCharge(TerminalClient client, String pile, String terminal) throws Exception {
        String token = client.next("association_prompt", WAIT).path("associationToken").asText();
        client.send("{\"type\":\"association_request\",\"pile\":\"" + pile + "\",\"associationToken\":\"" + token
                + "\",\"terminal\":\"" + terminal + "\"}");
        String session = client.next("status_update", WAIT).path("session").asText();
        client.send("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":{}}");
        JsonNode charging = client.next(frame -> "CHARGING".equals(frame.path("state").asText()), "the charging status",
                WAIT);
        assertEquals(session, charging.path("session").asText());
        return session;
    }

    private static long nextPositive(BlockingQueue<Long> values) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Long value = values.poll(1, TimeUnit.SECONDS);
            if (value != null && value > 0) {
                return value;
            }
        }
        throw new AssertionError("no energy delivered within " + WAIT);
    }

    /** An entry as pilegate:opcua-user writes it: name:pbkdf2-sha256:iterations:salt:hash. */
    private static String userEntry(String name, String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 20_000;
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        return name + ":pbkdf2-sha256:" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(hash);
    }

    private static Bms anonymous() throws Exception {
        return Bms.connect(SecurityPolicy.None, MessageSecurityMode.None, new AnonymousProvider());
    }

    /** The building management system: a Milo client with the certificate the server trusts. */
    private static final class Bms implements AutoCloseable {

        private static final long TIMEOUT_S = 10;
        private final OpcUaClient client;
        private final int namespaceIndex;

        private Bms(OpcUaClient client) {
            this.client = client;
            this.namespaceIndex = client.getNamespaceTable().getIndex(NAMESPACE).intValue();
        }

        static Bms connect(SecurityPolicy policy, MessageSecurityMode mode, IdentityProvider identity)
                throws Exception {
            URI endpoint = URI.create(ENDPOINT);
            OpcUaClient client = OpcUaClient.create(ENDPOINT,
                    endpoints -> endpoints.stream()
                            .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri())
                                    && e.getSecurityMode() == mode)
                            .findFirst()
                            .map(e -> EndpointUtil.updateUrl(e, endpoint.getHost(), endpoint.getPort())),
                    config -> config.setApplicationName(LocalizedText.english("itest BMS"))
                            .setApplicationUri(CLIENT_URI)
                            .setKeyPair(clientKeys)
                            .setCertificate(clientCertificate)
                            .setCertificateChain(new X509Certificate[] {clientCertificate})
                            .setIdentityProvider(identity)
                            .setRequestTimeout(uint(TIMEOUT_S * 1000))
                            .build());
            try {
                client.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                client.disconnect();
                throw e;
            }
            return new Bms(client);
        }

        NodeId node(String path) {
            return new NodeId(namespaceIndex, path);
        }

        Object value(String path) throws Exception {
            DataValue value = client.readValue(0, TimestampsToReturn.Both, node(path)).get(TIMEOUT_S,
                    TimeUnit.SECONDS);
            return value.getValue().getValue();
        }

        Object valueUnchecked(String path) {
            try {
                return value(path);
            } catch (Exception e) {
                throw new AssertionError("reading " + path, e);
            }
        }

        StatusCode write(String path, Variant value) throws Exception {
            return client.writeValue(node(path), new DataValue(value, null, null)).get(TIMEOUT_S, TimeUnit.SECONDS);
        }

        StatusCode call(String method, Variant... inputs) throws Exception {
            return client.call(new CallMethodRequest(node("Site"), node("Site/" + method), inputs))
                    .get(TIMEOUT_S, TimeUnit.SECONDS).getStatusCode();
        }

        List<String> browseNames(String path) throws Exception {
            return client.getAddressSpace().browse(node(path)).stream()
                    .map(ReferenceDescription::getBrowseName).map(name -> name.getName()).toList();
        }

        List<String> browseNamesUnchecked(String path) {
            try {
                return browseNames(path);
            } catch (Exception e) {
                throw new AssertionError("browsing " + path, e);
            }
        }

        @Override
        public void close() throws Exception {
            client.disconnect().get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }
}
