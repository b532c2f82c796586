package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.fleet.FleetState;
import org.pilegate.fleet.FleetView;
import org.pilegate.fleet.LocalKafka;
import org.pilegate.sim.DeviceKind;
import org.pilegate.sim.Fault;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.internal.Simulation;
import org.pilegate.sim.internal.StandaloneSimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two depots' gateways, run as operators run them, send to one Kafka cluster (Kafka's own broker, a process of its
 * own). The broker goes away while both depots finish and bill their sessions; one gateway is killed with SIGKILL while
 * its outbox holds them; broker and gateway come back. Then every billing event has arrived exactly once after
 * de-duplication by eventId, in order per session, each charge record with the tariff that priced it; the fleet view
 * shows both sites; a depot applies the fleet's command for it and answers it; and a pile whose relay stops answering
 * is a fault on the fleet's telemetry until it answers again.
 */
public class UplinkFleetIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalKafka kafka;
    private Simulation depot;
    private final List<ForkedGateway> gateways = new ArrayList<>();

    /** A depot: its gateway, its one pile (the simulator's {@code index}) and the HTTP port it listens on. */
    private record Site(String siteId, ForkedGateway gateway, String pile, int index, int httpPort) {
    }

    /** A driver's session charging at a site. */
    private record Charging(Site site, TerminalClient terminal, String session) {
    }

    @Before
    public void startBrokerDepotsAndGateways() throws Exception {
        kafka = new LocalKafka();
        depot = StandaloneSimulator.start(Map.of("basePort", Integer.toString(PilegateDistribution.SIMULATOR_PORT),
                "piles", "2", "pilesPerPort", "1", "tickMs", "100"));
    }

    @After
    public void stopAll() throws Exception {
        for (ForkedGateway gateway : gateways) {
            gateway.close();
        }
        if (depot != null) {
            depot.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    public void twoDepotsBillIntoOneClusterExactlyOnceThroughAnOutageAndAKilledGateway() throws Exception {
        Site north = site("depot-north", 0, 0, "");
        Site south = site("depot-south", 1, 100, "acceptCommands = true\n");
        CompletableFuture.allOf(boot(north), boot(south)).join();
        Charging nina = charge(north, "nina");
        Charging sven = charge(south, "sven");

        kafka.stop();
        long ninaFee = finishAndPay(nina);
        long svenFee = finishAndPay(sven);
        Matcher waiting = Pattern.compile("(\\d+) billing").matcher(health(north));
        assertTrue("the outbox holds the billing events: " + health(north), waiting.find()
                && Long.parseLong(waiting.group(1)) >= 3);
        north.gateway().kill();

        kafka.start();
        north.gateway().start(BOOT);
        Map<String, List<String>> events = billingEvents(Set.of(nina.session(), sven.session()));
        for (String session : List.of(nina.session(), sven.session())) {
            List<String> types = new ArrayList<>(events.get(session));
            types.removeIf(type -> type.startsWith("cdr:")); // its own topic: it may come before or after them
            assertEquals("opened first: " + types, "session.pending", types.get(0));
            assertEquals("paid last: " + types, "session.paid", types.get(types.size() - 1));
            assertEquals("finished once, before paid: " + types, types.size() - 2, types.indexOf("session.finished"));
            for (int i = 1; i < types.size(); i++) {
                assertTrue("no state twice in a row: " + types, !types.get(i).equals(types.get(i - 1)));
            }
        }
        assertEquals("one charge record, the fee notice's total, with the shipped tariff that priced it",
                List.of("cdr:" + ninaFee + " site-default EUR 5"), cdrs(events, nina.session()));
        assertEquals(List.of("cdr:" + svenFee + " site-default EUR 5"), cdrs(events, sven.session()));

        List<FleetState.SiteView> fleet = FleetView.read(client(), "pilegate", Clock.systemDefaultZone()).sites();
        assertEquals(List.of("depot-north", "depot-south"), fleet.stream().map(FleetState.SiteView::siteId).toList());
        assertEquals(Map.of("EUR", ninaFee), fleet.get(0).revenueMinorUnits());
        assertEquals(Map.of("EUR", svenFee), fleet.get(1).revenueMinorUnits());
        assertEquals(1, fleet.get(0).sessionsToday());
        assertEquals(1, fleet.get(1).sessionsToday());

        commandsReachOnlyTheirSite(south);
        aLostRelayIsAFaultOfItsOwnUntilItAnswersAgain(south);
    }

    /** The south pile's relay stops answering: the fleet hears of the fault by its code, and of its end. */
    private void aLostRelayIsAFaultOfItsOwnUntilItAnswersAgain(Site south) throws Exception {
        depot.injectFault(south.index(), DeviceKind.RELAY, new Fault.NoReply());
        JsonNode fault = firstTelemetry(south, "pile.fault");
        depot.clearFault(south.index(), DeviceKind.RELAY);
        JsonNode cleared = firstTelemetry(south, "pile.fault.cleared");

        assertEquals("depot-south FAULTED", fault.path("siteId").asText() + " " + fault.path("state").asText());
        assertTrue(fault.path("fault").asText(), fault.path("fault").asText().startsWith("relay " + south.pile()
                + ".relay not answering"));
        assertTrue(Instant.parse(cleared.path("time").asText()).isAfter(Instant.parse(fault.path("time").asText())));
    }

    /** The site's first telemetry record of {@code type} for the relay's loss of communication. */
    private JsonNode firstTelemetry(Site site, String type) throws Exception {
        try (KafkaConsumer<String, String> consumer = fromTheStart("pilegate.telemetry")) {
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = JSON.readTree(record.value());
                    if (json.path("type").asText().equals(type) && json.path("pileId").asText().equals(site.pile())
                            && json.path("code").asText().equals("relay_not_answering")) {
                        return json;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " relay_not_answering for " + site.pile() + " in " + WAIT);
    }

    /** The fleet limits the south depot's power; a command it cannot read is refused, saying why. */
    private void commandsReachOnlyTheirSite(Site south) throws Exception {
        String expires = Instant.now().plus(Duration.ofHours(1)).toString();
        try (KafkaProducer<String, String> fleet = new KafkaProducer<>(client(), new StringSerializer(),
                new StringSerializer())) {
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-south", "{\"commandId\": \"f-1\","
                    + " \"schemaVersion\": 1, \"siteId\": \"depot-south\", \"type\": \"site.limit\", \"expiresAt\": \""
                    + expires + "\", \"limitW\": 40000}"));
            fleet.send(new ProducerRecord<>("pilegate.commands", "depot-south", "{\"commandId\": \"f-2\","
                    + " \"schemaVersion\": 1, \"siteId\": \"depot-south\", \"type\": \"site.limit\", \"expiresAt\": \""
                    + expires + "\", \"limitW\": -5}"));
        }
        List<JsonNode> acks = untilCount("pilegate.acks", 2);
        assertEquals("f-1 applied", acks.get(0).path("commandId").asText() + " " + acks.get(0).path("outcome")
                .asText());
        assertEquals("f-2 refused invalid_request", acks.get(1).path("commandId").asText() + " "
                + acks.get(1).path("outcome").asText() + " " + acks.get(1).path("code").asText());
        String pile = south.gateway().shell("pilegate:pile " + south.pile());
        assertTrue("the limit in force: " + pile, pile.matches("(?s).*Site power limit\\W*40000 W.*"));
    }

    private Site site(String siteId, int index, int portOffset, String uplinkExtra) throws Exception {
        String pile = siteId.substring("depot-".length()) + "-01";
        Map<String, String> etc = new HashMap<>(ForkedGateway.modbusPile(pile,
                PilegateDistribution.SIMULATOR_PORT + index));
        etc.put("org.pilegate.session.cfg", "statusIntervalMs = 1000\n");
        etc.put("org.pilegate.uplink.cfg", "enabled = true\nbootstrapServers = " + kafka.bootstrapServers()
                        + "\nsiteId = " + siteId + "\nsecurityProtocol = PLAINTEXT\nrelayIntervalMs = 200\n"
                        + "telemetryIntervalS = 10\nocpiCountryCode = DE\nocpiPartyId = PLG\nsiteAddress = Kai 1\n"
                        + "siteCity = Hamburg\nsiteCountry = DEU\nsiteCoordinates = 53.541,9.984\n" + uplinkExtra);
        ForkedGateway gateway = ForkedGateway.unpack(Path.of("target", siteId).toAbsolutePath(), etc, portOffset);
        gateways.add(gateway);
        return new Site(siteId, gateway, pile, index, PilegateDistribution.HTTP_PORT + portOffset);
    }

    private static CompletableFuture<Void> boot(Site site) {
        return CompletableFuture.runAsync(() -> {
            try {
                site.gateway().start(BOOT);
            } catch (Exception e) {
                throw new IllegalStateException(site.siteId() + " did not boot", e);
            }
        });
    }

    private Charging charge(Site site, String driver) throws Exception {
        site.gateway().shell("pilegate:account-add " + driver + " \"" + driver + "\"", "pilegate:vehicle-add EV-"
                + driver + " " + driver, "pilegate:wallet-topup " + driver + " 100.00 EUR opening-" + driver);
        String credential = lastLine(site.gateway().shell("pilegate:terminal-add " + driver + "-phone " + driver));
        TerminalClient terminal = TerminalClient.connect(URI.create("ws://127.0.0.1:" + site.httpPort()
                + "/api/terminal/ws"), credential, BOOT);
        depot.plug(site.index(), new SimulatedVehicle(new VehicleId("EV-" + driver), 60_000, 0.2));
        String token = terminal.next("association_prompt", WAIT).path("associationToken").asText();
        terminal.send(Dialogues.associationRequest(site.pile(), token, driver + "-phone"));
        String session = terminal.next("status_update", WAIT).path("session").asText();
        terminal.send("{\"type\":\"charging_request\",\"pile\":\"" + site.pile() + "\",\"targets\":{}}");
        terminal.next(frame -> "CHARGING".equals(frame.path("state").asText()), "the charging status", WAIT);
        return new Charging(site, terminal, session);
    }

    /** @return the fee paid, in cents */
    private static long finishAndPay(Charging charging) throws Exception {
        TerminalClient terminal = charging.terminal();
        terminal.send("{\"type\":\"stop_request\",\"session\":\"" + charging.session() + "\"}");
        JsonNode fee = terminal.next("fee_notice", WAIT);
        terminal.send("{\"type\":\"payment_confirmation\",\"session\":\"" + charging.session() + "\",\"feeId\":\""
                + fee.path("feeId").asText() + "\"}");
        terminal.next(frame -> "PAID".equals(frame.path("state").asText()), "the paid status", WAIT);
        terminal.close();
        return fee.path("total").path("minorUnits").asLong();
    }

    /**
     * The sessions' and charge records' topics from the start, de-duplicated by eventId, until every session named
     * was paid and has its charge record, and a little longer (a doubled event would come late): per session, the
     * types in the order they arrived, a charge record as {@code cdr:<total in cents> <its tariff's id, currency and
     * number of elements>}.
     */
    private Map<String, List<String>> billingEvents(Set<String> sessions) throws Exception {
        Map<String, List<String>> events = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = fromTheStart("pilegate.sessions", "pilegate.cdrs")) {
            Instant deadline = Instant.now().plus(WAIT.multipliedBy(2));
            int quiet = 0;
            while (quiet < 4) {
                assertTrue("billing events so far: " + events, Instant.now().isBefore(deadline));
                int before = seen.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = JSON.readTree(record.value());
                    if (!seen.add(json.path("eventId").asText())) {
                        continue;
                    }
                    boolean cdr = json.path("type").asText().equals("cdr");
                    String session = cdr ? json.at("/cdr/session_id").asText() : json.at("/session/id").asText();
                    events.computeIfAbsent(session, id -> new ArrayList<>()).add(cdr ? "cdr:" + new BigDecimal(
                            json.at("/cdr/total_cost/incl_vat").asText()).movePointRight(2).longValueExact() + " "
                            + json.at("/cdr/tariffs/0/id").asText() + " " + json.at("/cdr/tariffs/0/currency").asText()
                            + " " + json.at("/cdr/tariffs/0/elements").size() : json.path("type").asText());
                }
                boolean complete = sessions.stream().allMatch(session -> events.getOrDefault(session, List.of())
                        .contains("session.paid") && !cdrs(events, session).isEmpty());
                quiet = complete && seen.size() == before ? quiet + 1 : 0;
            }
        }
        return events;
    }

    private static List<String> cdrs(Map<String, List<String>> events, String session) {
        List<String> cdrs = new ArrayList<>(events.getOrDefault(session, List.of()));
        cdrs.removeIf(type -> !type.startsWith("cdr:"));
        return cdrs;
    }

    private List<JsonNode> untilCount(String topic, int count) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = fromTheStart(topic)) {
            Instant deadline = Instant.now().plus(WAIT);
            while (records.size() < count) {
                assertTrue(topic + " so far: " + records, Instant.now().isBefore(deadline));
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(JSON.readTree(record.value()));
                }
            }
        }
        return records;
    }

    /** The topics from their first record; a topic is waited for until its first record made it. */
    private KafkaConsumer<String, String> fromTheStart(String... topics) throws InterruptedException {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(client(), new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        Instant deadline = Instant.now().plus(WAIT);
        for (String topic : topics) {
            while (consumer.partitionsFor(topic).isEmpty()) {
                assertTrue("no topic " + topic, Instant.now().isBefore(deadline));
                Thread.sleep(500);
            }
            consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic,
                    info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private Properties client() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return properties;
    }

    private static String health(Site site) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + site.httpPort() + "/health")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }
}
