package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.opcua.internal.TestSite.PASSWORD;
import static org.pilegate.opcua.internal.TestSite.WAIT;
import static org.pilegate.opcua.internal.TestSite.eventually;
import static org.pilegate.opcua.internal.TestSite.names;
import static org.pilegate.opcua.internal.TestSite.status;
import static org.pilegate.opcua.internal.TestSite.value;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedDataItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.ManagedSubscription;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.ExtensionObject;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.client.DiscoveryClient;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.meter.FakeMeter;
import org.pilegate.api.meter.MeterReading;
import org.pilegate.api.meter.PhaseValues;
import org.pilegate.api.meter.ReadingQuality;
import org.pilegate.api.pile.FakePileController;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.plan.Hold;
import org.pilegate.api.plan.PilePlan;
import org.pilegate.api.plan.Plan;
import org.pilegate.api.session.SessionId;

/** A real Milo server with the site's namespace, driven by fake piles and meters, and real Milo clients. */
class SiteServerTest {

    @TempDir
    Path etc;

    private final FakePileController bay1 = new FakePileController("bay-01", 1_000);
    private final FakeMeter bay1Meter = new FakeMeter("bay-01.meter");
    private TestSite site;
    private FakeDepot depot;

    @BeforeEach
    void start() throws Exception {
        site = new TestSite(etc);
        depot = site.depot;
        site.namespace().addPile(bay1);
        site.namespace().addMeter(bay1Meter);
    }

    @AfterEach
    void stop() throws Exception {
        site.close();
    }

    @Test
    void browsingShowsTheSiteItsPilesAndTheirMetersWithUnits() throws Exception {
        try (BmsClient client = site.anonymous()) {
            assertTrue(client.browseNames("Site").containsAll(List.of("TotalPowerW", "EnergyTodayWh", "GridLimitW",
                    "PileCount", "Health", "PlannedPowerW", "PlanSlotStarts", "Piles", "SetSitePowerLimit", "SetPileCurrentLimit", "StopSession",
                    "SetPileAvailability")), () -> "Site: " + names(client, "Site"));
            assertEquals(List.of("Pile_bay-01"), client.browseNames("Site/Piles"));
            List<String> pile = client.browseNames("Site/Piles/bay-01");
            for (PileVariable variable : PileVariable.values()) {
                String path = variable.ofMeter() ? "Site/Piles/bay-01/Meter" : "Site/Piles/bay-01";
                assertTrue(client.browseNames(path).contains(variable.browseName()), variable + " under " + path);
            }
            assertTrue(pile.contains("Meter"));

            assertEquals("AVAILABLE", client.read("Site/Piles/bay-01/State").getValue().getValue());
            assertEquals(1_000L, client.read("Site/Piles/bay-01/EnergyRegisterWh").getValue().getValue());
            assertEquals("bay-01.meter", client.read("Site/Piles/bay-01/Meter/MeterId").getValue().getValue());
            eventually("pile counted", () -> UInteger.valueOf(1).equals(value(client, "Site/PileCount")));
            // health follows on the namespace's one-second tick
            eventually("health good", () -> "Good".equals(value(client, "Site/Health")));

            assertEquals(Identifiers.Int64, client.milo().getAddressSpace()
                    .getVariableNode(client.node("Site/Piles/bay-01/PowerW")).getDataType());
            ExtensionObject units = (ExtensionObject) client.read("Site/Piles/bay-01/PowerW.EngineeringUnits")
                    .getValue().getValue();
            EUInformation watt = (EUInformation) units.decode(client.milo().getStaticSerializationContext());
            assertEquals("W", watt.getDisplayName().getText());
            assertEquals(5723220, watt.getUnitId());
        }
    }

    @Test
    void thePlanShowsEachPilesCurrentAndWhatHoldsItBackAndTheSitesPowerOverTheHorizon() throws Exception {
        Instant now = Instant.parse("2026-12-03T17:10:00Z");
        PilePlan bay1Plan = new PilePlan(new PileId("bay-01"), 14, List.of(14, 32), 690, 12_000,
                OptionalLong.of(12_000), new Hold(Hold.Kind.FEEDER, "feeder board-b, phase L2 at 63 A"));
        depot.plan = Optional.of(new Plan(List.of(now, now.plusSeconds(300), now.plusSeconds(1_200)),
                Map.of(bay1Plan.pile(), bay1Plan), List.of(9_660L, 22_080L)));
        try (BmsClient client = site.anonymous()) {
            eventually("the planned current", () -> Integer.valueOf(14).equals(value(client,
                    "Site/Piles/bay-01/PlannedCurrentA")));
            assertEquals("feeder board-b, phase L2 at 63 A", value(client, "Site/Piles/bay-01/HeldBackBy"));
            assertTrue(Arrays.equals(new Long[] {9_660L, 22_080L}, (Object[]) value(client, "Site/PlannedPowerW")));
            Object[] starts = (Object[]) value(client, "Site/PlanSlotStarts");
            assertEquals(now.plusSeconds(300), ((DateTime) starts[1]).getJavaInstant());

            depot.plan = Optional.empty();
            eventually("no plan, no current", () -> Integer.valueOf(0).equals(value(client,
                    "Site/Piles/bay-01/PlannedCurrentA")));
            assertEquals("", value(client, "Site/Piles/bay-01/HeldBackBy"));
        }
    }

    @Test
    void subscribersSeeTheEnergyRiseAsTheSessionCharges() throws Exception {
        SessionId session = new SessionId("s-1");
        depot.running(session, "bay-01", 1_000, Instant.now().minusSeconds(60));
        try (BmsClient client = site.anonymous()) {
            // the session reaches the nodes on the namespace's lane, after the depot told it
            eventually("the session shown", () -> Long.valueOf(0).equals(value(client,
                    "Site/Piles/bay-01/SessionEnergyWh")));
            ManagedSubscription subscription = ManagedSubscription.create(client.milo(), 100);
            BlockingQueue<Object> energy = new LinkedBlockingQueue<>();
            ManagedDataItem item = subscription.createDataItem(client.node("Site/Piles/bay-01/SessionEnergyWh"));
            item.addDataValueListener(value -> energy.add(value.getValue().getValue()));
            assertEquals(0L, energy.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "the value when subscribing");

            // each value is awaited before the next: the item's queue holds one value per publishing interval
            bay1.charging(session, 7_000, 1_010);
            assertEquals(10L, energy.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            bay1.charging(session, 7_100, 1_025);
            assertEquals(25L, energy.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            bay1.charging(session, 7_200, 1_040);
            assertEquals(40L, energy.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("s-1", value(client, "Site/Piles/bay-01/SessionId"));
            // the site's sums follow within a refresh gap
            eventually("site power summed", () -> Long.valueOf(7_200).equals(value(client, "Site/TotalPowerW")));
            assertTrue((Double) value(client, "Site/Piles/bay-01/SessionElapsed") >= 60_000,
                    "elapsed since the session's own start");
            eventually("site energy summed", () -> Long.valueOf(40).equals(value(client, "Site/EnergyTodayWh")));
            subscription.delete();
        }
    }

    @Test
    void meterPhasesAreShownInVoltsAndAmpsWithTheReadingsQuality() throws Exception {
        bay1Meter.read(new MeterReading(Instant.now(), 1_000, 7_000, ReadingQuality.GOOD,
                Optional.of(new PhaseValues(230_100, 229_900, 231_000, 10_500, 10_400, 0))));
        try (BmsClient client = site.anonymous()) {
            eventually("L1 voltage", () -> Double.valueOf(230.1).equals(value(client,
                    "Site/Piles/bay-01/Meter/L1VoltageV")));
            assertEquals(10.4, value(client, "Site/Piles/bay-01/Meter/L2CurrentA"));

            bay1Meter.read(new MeterReading(Instant.now(), 1_000, 7_000, ReadingQuality.STALE,
                    Optional.of(new PhaseValues(230_100, 229_900, 231_000, 10_500, 10_400, 0))));
            eventually("stale reading marked uncertain", () -> status(client, "Site/Piles/bay-01/Meter/L1VoltageV")
                    .getValue() == StatusCodes.Uncertain_NoCommunicationLastUsableValue);

            bay1Meter.read(new MeterReading(Instant.now(), 1_000, 7_000, ReadingQuality.GOOD, Optional.empty()));
            eventually("no phases from this meter", () -> status(client, "Site/Piles/bay-01/Meter/L3CurrentA")
                    .getValue() == StatusCodes.Bad_NotSupported);
        }
    }

    @Test
    void aPileReconfiguredToAnotherMeterShowsThatMetersReadings() throws Exception {
        FakeMeter replacement = new FakeMeter("bay-01.meter-2");
        replacement.read(new MeterReading(Instant.now(), 5_000, 0, ReadingQuality.GOOD,
                Optional.of(new PhaseValues(240_000, 240_000, 240_000, 0, 0, 0))));
        site.namespace().addMeter(replacement);
        try (BmsClient client = site.anonymous()) {
            site.meterOfPile.put("bay-01", "bay-01.meter-2");
            site.namespace().refreshMeters();

            eventually("the new meter named", () -> "bay-01.meter-2".equals(value(client,
                    "Site/Piles/bay-01/Meter/MeterId")));
            eventually("its reading shown", () -> Double.valueOf(240.0).equals(value(client,
                    "Site/Piles/bay-01/Meter/L1VoltageV")));
        }
    }

    @Test
    void pilesAppearAndDisappearWhileTheServerRuns() throws Exception {
        FakePileController bay2 = new FakePileController("bay-02", 1_000);
        try (BmsClient client = site.anonymous()) {
            site.namespace().addPile(bay2);
            eventually("bay-02 shown", () -> names(client, "Site/Piles").contains("Pile_bay-02"));
            bay2.fault("relay bay-02.relay not answering");
            eventually("health names the fault", () -> "Faulted: bay-02".equals(value(client, "Site/Health")));
            assertEquals("relay bay-02.relay not answering", value(client, "Site/Piles/bay-02/FaultText"));

            site.namespace().removePile(bay2);
            eventually("bay-02 gone", () -> !names(client, "Site/Piles").contains("Pile_bay-02"));
            assertEquals(StatusCodes.Bad_NodeIdUnknown,
                    client.read("Site/Piles/bay-02/State").getStatusCode().getValue());
            assertFalse(bay2.followed(), "no longer listening to the removed pile");
            assertTrue(names(client, "Site/Piles").contains("Pile_bay-01"));
            eventually("health good again", () -> "Good".equals(value(client, "Site/Health")));
        }
    }

    @Test
    void anonymousClientsMayReadButNeitherWriteNorCall() throws Exception {
        try (BmsClient client = site.anonymous()) {
            assertEquals(StatusCodes.Bad_UserAccessDenied, client.write("Site/GridLimitW", new Variant(5_000L))
                    .getValue());
            assertEquals(StatusCodes.Bad_UserAccessDenied, client.call("SetSitePowerLimit", new Variant(5_000L))
                    .getValue());
            assertEquals(StatusCodes.Bad_UserAccessDenied, client.write("Site/Piles/bay-01/Available",
                    new Variant(false)).getValue());
            assertEquals(StatusCodes.Bad_NotWritable, client.write("Site/Piles/bay-01/PowerW", new Variant(1L))
                    .getValue());
        }
        assertEquals(OptionalLong.empty(), depot.sitePowerLimitW());
        assertTrue(depot.settings(new PileId("bay-01")).available());
    }

    @Test
    void anOperatorOverSignAndEncryptChangesTheDepot() throws Exception {
        SessionId session = new SessionId("s-2");
        depot.running(session, "bay-01", 1_000, Instant.now());
        bay1.charging(session, 7_000, 1_005);
        try (BmsClient client = site.operator(MessageSecurityMode.SignAndEncrypt, PASSWORD)) {
            assertTrue(client.call("SetSitePowerLimit", new Variant(50_000L)).isGood());
            assertEquals(OptionalLong.of(50_000), depot.sitePowerLimitW());
            eventually("limit shown", () -> Long.valueOf(50_000).equals(value(client, "Site/GridLimitW")));
            assertEquals(StatusCodes.Bad_OutOfRange, client.call("SetSitePowerLimit", new Variant(-1L)).getValue());
            assertTrue(client.write("Site/GridLimitW", Variant.NULL_VALUE).isGood());
            assertEquals(OptionalLong.empty(), depot.sitePowerLimitW());
            eventually("limit lifted", () -> value(client, "Site/GridLimitW") == null);

            assertTrue(client.call("SetPileCurrentLimit", new Variant("bay-01"), new Variant(10)).isGood());
            assertEquals(10, depot.settings(new PileId("bay-01")).currentLimitA().getAsInt());
            assertEquals(StatusCodes.Bad_OutOfRange,
                    client.call("SetPileCurrentLimit", new Variant("bay-01"), new Variant(3)).getValue());
            assertEquals(StatusCodes.Bad_InvalidArgument,
                    client.call("SetPileCurrentLimit", new Variant("bay-99"), new Variant(10)).getValue());
            assertEquals(StatusCodes.Bad_InvalidArgument, client.call("SetPileCurrentLimit", new Variant("bay-01"),
                    new Variant("ten")).getValue(), "Milo's check of the argument types");

            assertTrue(client.call("SetPileAvailability", new Variant("bay-01"), new Variant(false)).isGood());
            assertFalse(depot.settings(new PileId("bay-01")).available());
            eventually("shown out of service", () -> Boolean.FALSE.equals(value(client,
                    "Site/Piles/bay-01/Available")));
            assertTrue(client.write("Site/Piles/bay-01/Available", new Variant(true)).isGood());
            assertTrue(depot.settings(new PileId("bay-01")).available());

            assertTrue(client.call("StopSession", new Variant("bay-01")).isGood());
            assertEquals(List.of("s-2: stopped over OPC UA by bms"), depot.stopped);
        }
    }

    @Test
    void withoutTheOperatorServicesMethodsAnswerResourceUnavailable() throws Exception {
        site.depotRunning.set(false);
        try (BmsClient client = site.operator(MessageSecurityMode.Sign, PASSWORD)) {
            assertEquals(StatusCodes.Bad_ResourceUnavailable,
                    client.call("SetSitePowerLimit", new Variant(1_000L)).getValue());
            assertEquals(StatusCodes.Bad_InvalidState, client.call("StopSession", new Variant("bay-01")).getValue(),
                    "no session runs on the pile");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Exception refused = assertThrows(Exception.class, () -> site.operator(MessageSecurityMode.Sign, "guess"));
        assertTrue(String.valueOf(refused.getMessage()).contains("Bad_UserAccessDenied")
                || String.valueOf(refused.getCause()).contains("Bad_UserAccessDenied"), refused::toString);
    }

    @Test
    void withoutAnonymousBrowsingTheUnsecuredEndpointServesDiscoveryOnlyAndNobodyIsAnonymous() throws Exception {
        site.restart(false);
        List<EndpointDescription> endpoints = DiscoveryClient.getEndpoints(site.endpointUrl()).get();
        assertEquals(3, endpoints.size(), "None, Sign and SignAndEncrypt");
        for (EndpointDescription endpoint : endpoints) {
            List<UserTokenType> tokens = Arrays.stream(endpoint.getUserIdentityTokens())
                    .map(UserTokenPolicy::getTokenType).toList();
            // Milo lists the anonymous token on an endpoint without others; it is refused below
            assertEquals(endpoint.getSecurityMode() == MessageSecurityMode.None ? List.of(UserTokenType.Anonymous)
                    : List.of(UserTokenType.UserName), tokens, endpoint.getSecurityMode().toString());
        }
        Exception refused = assertThrows(Exception.class, () -> BmsClient.connect(site.endpointUrl(),
                SecurityPolicy.None, MessageSecurityMode.None, site.bms(), BmsClient.anonymous()),
                "no session on None");
        assertTrue(String.valueOf(refused.getMessage()).contains("Bad_UserAccessDenied")
                || String.valueOf(refused.getCause()).contains("Bad_UserAccessDenied"), refused::toString);
        assertThrows(Exception.class, () -> BmsClient.connect(site.endpointUrl(), SecurityPolicy.Basic256Sha256,
                MessageSecurityMode.SignAndEncrypt, site.bms(), BmsClient.anonymous()), "no anonymous token");
        try (BmsClient client = site.operator(MessageSecurityMode.SignAndEncrypt, PASSWORD)) {
            assertEquals("No piles configured", value(client, "Site/Health"));
        }
    }

    @Test
    void theServerCertificateIsGeneratedOnceAndReused() throws Exception {
        Path folder = site.certificateDir();
        assertTrue(folder.resolve(ServerCertificates.KEY_FILE).toFile().isFile());
        ServerCertificates first = ServerCertificates.loadOrCreate(folder, List.of("127.0.0.1"));
        site.restart(true);
        ServerCertificates second = ServerCertificates.loadOrCreate(folder, List.of("127.0.0.1"));
        assertEquals(first.certificate(), second.certificate());
        assertEquals(first.applicationUri(), second.applicationUri());
        assertTrue(first.applicationUri().startsWith("urn:pilegate:opcua:"), first.applicationUri());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder.resolve(ServerCertificates.KEY_FILE))));
    }
}
