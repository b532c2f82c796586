package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.internal.Simulation;
import org.pilegate.sim.internal.StandaloneSimulator;
import org.pilegate.store.internal.LocalPostgres;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway on PostgreSQL, and PostgreSQL stopped for a minute while 50 sessions charge. The piles run outside the
 * gateway (in this JVM). While the database is gone the contactors stay closed, every step that needs a commit is
 * refused {@code service_unavailable}, and /health says the store is down; once it is back, the status points of the
 * outage reach the terminals in order, every session is billed its whole meter delta, and a payment confirmed during
 * the outage and again after it is debited once.
 */
public class StoreOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int CHARGING = 50;
    /** One more pile, whose session is finished and unpaid when the database goes. */
    private static final int PILES = CHARGING + 1;

    private LocalPostgres postgres;
    private Simulation depot;
    private ForkedGateway gateway;
    private final List<TerminalClient> terminals = new ArrayList<>();

    @Before
    public void startDatabaseDepotAndGateway() throws Exception {
        postgres = new LocalPostgres();
        int port = PilegateDistribution.SIMULATOR_PORT;
        depot = StandaloneSimulator.start(Map.of("basePort", Integer.toString(port), "piles", Integer.toString(PILES),
                "pilesPerPort", Integer.toString(PILES), "tickMs", "100"));
        Map<String, String> etc = new LinkedHashMap<>();
        etc.put("org.pilegate.store.cfg", "url = " + postgres.url() + "\nuser = " + LocalPostgres.USER
                + "\npassword = " + LocalPostgres.PASSWORD + "\npoolSize = 8\n");
        etc.put("org.pilegate.session.cfg", "statusIntervalMs = 1000\n");
        for (int i = 0; i < PILES; i++) {
            String pile = pile(i);
            etc.put("org.pilegate.meter.modbus-" + pile + ".cfg", "id = " + pile + ".meter\nhost = 127.0.0.1\nport = "
                    + port + "\nunitId = " + (2 * i + 1) + "\nprofile = eastron-sdm630\npollIntervalMs = 500\n");
            etc.put("org.pilegate.relay.modbus-" + pile + ".cfg", "id = " + pile + ".relay\nhost = 127.0.0.1\nport = "
                    + port + "\nunitId = " + (2 * i + 2) + "\nprofile = pilegate-generic-relay\n");
            etc.put("org.pilegate.pile-" + pile + ".cfg", "id = " + pile + "\nmeter = " + pile + ".meter\nrelay = "
                    + pile + ".relay\n");
        }
        gateway = ForkedGateway.unpack(Path.of("target", "outage-gateway").toAbsolutePath(), etc);
        gateway.start(BOOT);
    }

    @After
    public void stopAll() throws Exception {
        terminals.forEach(TerminalClient::close);
        if (gateway != null) {
            gateway.close();
        }
        if (depot != null) {
            depot.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    public void aMinuteWithoutTheDatabaseStopsNoChargingLosesNothingAndDebitsOnce() throws Exception {
        Map<String, String> credentials = Accounts.register(gateway, PILES, StoreOutageIT::driver,
                i -> "EV-" + driver(i).toUpperCase(), "100.00");
        List<String> sessions = new ArrayList<>();
        long[] registerAtPlug = new long[PILES];
        for (int i = 0; i < PILES; i++) {
            TerminalClient terminal = TerminalClient.connect(credentials.get(driver(i) + "-phone"), BOOT);
            terminals.add(terminal);
            registerAtPlug[i] = depot.snapshot(i).energyWh();
            depot.plug(i, new SimulatedVehicle(new VehicleId("EV-" + driver(i).toUpperCase()), 200_000, 0.1));
            String token = terminal.next("association_prompt", WAIT).path("associationToken").asText();
            terminal.send(Dialogues.associationRequest(pile(i), token, driver(i) + "-phone"));
            sessions.add(terminal.next("status_update", WAIT).path("session").asText());
            terminal.send("{\"type\":\"charging_request\",\"pile\":\"" + pile(i) + "\",\"targets\":{}}");
            terminal.next(frame -> "CHARGING".equals(frame.path("state").asText()), "the charging status", WAIT);
        }
        // the extra pile's session ends before the outage; its fee is due
        int payer = CHARGING;
        JsonNode fee = stop(terminals.get(payer), sessions.get(payer));
        String confirmation = "{\"type\":\"payment_confirmation\",\"session\":\"" + sessions.get(payer)
                + "\",\"feeId\":\"" + fee.path("feeId").asText() + "\"}";
        long[] seqBefore = new long[CHARGING];
        for (int i = 0; i < CHARGING; i++) {
            seqBefore[i] = latestSeq(terminals.get(i), sessions.get(i));
        }

        postgres.stop();
        Instant outageStart = Instant.now();
        assertTrue("/health shows the store down", health().matches("(?s).*\"store\".*DOWN.*"));
        terminals.get(0).send("{\"type\":\"stop_request\",\"session\":\"" + sessions.get(0) + "\"}");
        assertRefusedUnavailable(terminals.get(0));
        terminals.get(payer).send(confirmation);
        assertRefusedUnavailable(terminals.get(payer));
        while (Instant.now().isBefore(outageStart.plus(OUTAGE))) {
            for (int i = 0; i < CHARGING; i++) {
                assertTrue("pile " + i + " charges on", depot.snapshot(i).contactorClosed());
            }
            Thread.sleep(5_000);
        }
        postgres.start();
        Instant outageEnd = Instant.now();

        for (int i = 0; i < CHARGING; i++) {
            assertCaughtUp(terminals.get(i), sessions.get(i), seqBefore[i], outageStart, outageEnd);
        }
        for (int i = 0; i < CHARGING; i++) {
            stop(terminals.get(i), sessions.get(i));
            JsonNode finished = terminals.get(i).received().stream().filter(frame -> "FINISHED".equals(
                    frame.path("state").asText())).reduce((first, last) -> last).orElseThrow();
            long delivered = depot.snapshot(i).energyWh() - registerAtPlug[i];
            assertEquals("session " + i + " holds the whole delta of the meter registers", delivered,
                    finished.path("energyWh").asLong(), 1.0);
            assertTrue("energy of the outage counts: " + delivered, delivered > 60);
        }
        terminals.get(payer).send(confirmation);
        terminals.get(payer).next(frame -> "PAID".equals(frame.path("state").asText()), "the payment", WAIT);
        terminals.get(payer).send(confirmation);
        terminals.get(payer).next(frame -> frame.path("type").asText().equals("error")
                || "PAID".equals(frame.path("state").asText()), "the answer to a second confirmation", WAIT);
        String wallet = gateway.shell("pilegate:wallet " + driver(payer));
        long due = fee.path("total").path("minorUnits").asLong();
        assertEquals("debited exactly once: " + wallet, 100_00 - due, balanceCents(wallet));
        assertTrue("/health shows the store up again", health().matches("(?s).*\"store\".*UP.*"));
    }

    /** Stops the session and waits for its fee notice. */
    private static JsonNode stop(TerminalClient terminal, String session) throws Exception {
        terminal.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
        terminal.next(frame -> "FINISHED".equals(frame.path("state").asText()), "the end of " + session, WAIT);
        return terminal.next("fee_notice", WAIT);
    }

    private static void assertRefusedUnavailable(TerminalClient terminal) throws Exception {
        JsonNode answer = terminal.next(frame -> frame.path("type").asText().equals("error"), "a refusal", WAIT);
        assertEquals(answer.toString(), "service_unavailable", answer.path("code").asText());
    }

    private static long latestSeq(TerminalClient terminal, String session) throws Exception {
        // one more tick, so that every frame before the outage is in
        return terminal.next(frame -> session.equals(frame.path("session").asText())
                && "status_update".equals(frame.path("type").asText()), "a status", WAIT).path("seq").asLong();
    }

    /** The points of the outage came after it, numbered on from the last before it, none missing. */
    private static void assertCaughtUp(TerminalClient terminal, String session, long seqBefore, Instant from,
            Instant to) throws Exception {
        terminal.next(frame -> "status_update".equals(frame.path("type").asText())
                && Instant.parse(frame.path("at").asText()).isAfter(to), "a status after the outage", WAIT);
        List<JsonNode> updates = terminal.received().stream().filter(frame -> session.equals(
                frame.path("session").asText()) && "status_update".equals(frame.path("type").asText())
                && frame.path("seq").asLong() > seqBefore).toList();
        for (int k = 0; k < updates.size(); k++) {
            assertEquals("status numbers of " + session + " run on", seqBefore + 1 + k, updates.get(k).path("seq")
                    .asLong());
        }
        long during = updates.stream().map(frame -> Instant.parse(frame.path("at").asText()))
                .filter(at -> at.isAfter(from) && at.isBefore(to)).count();
        // each tick of the outage waits up to the store's connection timeout (3 s) before its points are held
        assertTrue("the outage's status points of " + session + " were held, not lost: " + during,
                during >= OUTAGE.toSeconds() / 10);
    }

    private static String health() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + PilegateDistribution.HTTP_PORT + "/health")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static long balanceCents(String walletOutput) {
        Matcher balance = Pattern.compile("balance (-?\\d+\\.\\d{2}) EUR").matcher(walletOutput);
        assertTrue("a balance in: " + walletOutput, balance.find());
        return new BigDecimal(balance.group(1)).movePointRight(2).longValueExact();
    }

    private static String pile(int index) {
        return String.format("pg-%02d", index + 1);
    }

    private static String driver(int index) {
        return String.format("driver%02d", index + 1);
    }
}
