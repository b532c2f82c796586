package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pilegate.itests.Dialogues.OPENING_BALANCE;
import static org.pilegate.itests.Dialogues.WAIT;
import static org.pilegate.itests.Dialogues.associate;
import static org.pilegate.itests.Dialogues.chargeRequest;
import static org.pilegate.itests.Dialogues.driver;
import static org.pilegate.itests.Dialogues.statusUpdates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.pilegate.api.money.Money;
import org.pilegate.api.ocpp.ChargePointId;
import org.pilegate.api.ocpp.ChargePoints;
import org.pilegate.api.session.SessionDirectory;
import org.pilegate.api.session.SessionId;
import org.pilegate.api.session.SessionOverview;
import org.pilegate.api.session.SessionState;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.wallet.LedgerTransaction;
import org.pilegate.api.wallet.Wallet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OCPP 1.6J charge point written by others (npm's ocpp-rpc in strict mode, itests/ocpp/charge-point.mjs),
 * registered in the shell, connects over wss trusting the gateway's certificate (security profile 2: refused with a
 * wrong password, booted with its own), then charges a registered vehicle through the whole dialogue: refused with a
 * wrong password,
 * boot, heartbeat, status, a malformed message refused on a connection that stays open, plug and RFID, prompt,
 * association, a charging request that the gateway carries out with RemoteStartTransaction, status from MeterValues,
 * the connection dropped and made again mid-transaction, an operator's GetConfiguration from the shell, a stop from
 * the terminal carried out with RemoteStopTransaction (refused once, asked again), the fee from the transaction's registers and the payment from the wallet; then a transaction the charge point ran
 * while offline, reported once back and its stop sent again after a reconnect, billed to the driver's wallet once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OcppChargePointIT extends InsideGateway {

    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(4);

    @Inject
    private SessionFactory shell;

    @Test
    public void aChargePointOfAnotherMakeChargesAVehicleThroughTheWholeDialogue() throws Exception {
        Services.await(context, ChargePoints.class, null, WAIT);
        ChargePointId id = new ChargePointId("CP-ITEST");
        List<String> added = KarafShell.execute(shell, "pilegate:ocpp-add --connectors 1 " + id).lines().toList();
        String password = added.get(added.size() - 1);
        assertTrue("the password is the last line: " + added, password.matches("[A-Za-z0-9_-]{32}"));
        String pile = id.pile(1).value();
        Path itests = NodeScripts.itestsDirectory();
        Path folder = itests.resolve("ocpp");
        Path log = itests.resolve("target/ocpp/charge-point.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        NodeScripts.install(folder, "ocpp-rpc", log);

        // vehicle EV-OCTAVIA, whose RFID the charge point presents
        try (TerminalClient client = driver(context, "octavia", 0).client()) {
            Process chargePoint = NodeScripts.start(folder, log, Map.of(
                    "PILEGATE_OCPP_URL", "ws://127.0.0.1:" + PilegateDistribution.HTTP_PORT + "/ocpp",
                    "PILEGATE_OCPP_TLS_URL", "wss://127.0.0.1:" + PilegateDistribution.TLS_PORT + "/ocpp",
                    "PILEGATE_OCPP_CA", PilegateDistribution.gatewayCertificate().toString(),
                    "PILEGATE_CHARGE_POINT", id.value(),
                    "PILEGATE_CHARGE_POINT_PASSWORD", password,
                    "PILEGATE_ID_TAG", "EV-OCTAVIA"), "node", "charge-point.mjs");
            try {
                JsonNode prompt = client.next("charging_prompt", WAIT);
                assertEquals(pile, prompt.path("pile").asText());
                assertEquals("EV-OCTAVIA", prompt.path("vehicle").asText());
                String session = associate(client, pile, "octavia-phone");
                assertEquals("CHARGING", chargeRequest(client, pile, "{}").path("state").asText());
                List<JsonNode> updates = statusUpdates(client, session, 3);
                long first = updates.get(0).path("energyWh").asLong();
                long last = updates.get(updates.size() - 1).path("energyWh").asLong();
                assertTrue("energy rises with the MeterValues: " + first + " -> " + last, last > first);
                Services.awaitTrue("the charge point dropped its connection and made it again", WAIT,
                        () -> NodeScripts.logged(log, "reconnected"));
                // what the charge point counted up to its reconnect, the energy drawn while it was away included
                long counted = NodeScripts.step(log, "reconnected").path("registerWh").asLong()
                        - NodeScripts.step(log, "started").path("meterStart").asLong();
                client.next(frame -> "status_update".equals(frame.path("type").asText())
                        && session.equals(frame.path("session").asText())
                        && "CHARGING".equals(frame.path("state").asText())
                        && frame.path("energyWh").asLong() > counted,
                        "a charging status beyond the " + counted + " Wh counted before the reconnect", WAIT);
                String listed = KarafShell.execute(shell, "pilegate:ocpp-list");
                assertTrue(listed, listed.lines().anyMatch(line -> line.contains(id.value()) && line.contains("yes")));
                String configuration = KarafShell.execute(shell, "pilegate:ocpp-call " + id
                        + " GetConfiguration '{\"key\":[\"HeartbeatInterval\"]}'");
                assertTrue(configuration, configuration.contains("\"HeartbeatInterval\""));

                client.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
                JsonNode finished = client.next(frame -> "FINISHED".equals(frame.path("state").asText()),
                        "the finished status", WAIT);
                assertEquals("the charge point's script ended well:\n" + Files.readString(log), 0,
                        NodeScripts.await(chargePoint, log, SCRIPT_TIMEOUT, "the charge point"));
                JsonNode stopped = NodeScripts.step(log, "stopped");
                assertEquals("the session holds meterStop - meterStart",
                        stopped.path("meterStop").asLong() - stopped.path("meterStart").asLong(),
                        finished.path("energyWh").asLong());
                assertEquals("the stop it refused first was asked again", stopped.path("transactionId").asInt(),
                        NodeScripts.step(log, "remote-stop-refused").path("transactionId").asInt());
                assertEquals("TxProfile", NodeScripts.step(log, "remote-start").path("profile").asText());
                assertEquals("OccurenceConstraintViolation",
                        NodeScripts.step(log, "malformed-refused").path("code").asText());
                assertEquals("a wrong password over wss: 401", "Unauthorized",
                        NodeScripts.step(log, "tls-refused").path("why").asText());
                assertEquals("over wss (security profile 2)", "Accepted",
                        NodeScripts.step(log, "tls-booted").path("status").asText());

                JsonNode fee = client.next("fee_notice", WAIT);
                long due = fee.path("total").path("minorUnits").asLong();
                assertTrue("a fee is due: " + fee, due > 0);
                client.send("{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                        + fee.path("feeId").asText() + "\"}");
                assertEquals("PAID", client.next("status_update", WAIT).path("state").asText());

                JsonNode offline = NodeScripts.step(log, "offline-reported");
                assertEquals("Accepted", offline.path("status").asText());
                assertEquals("the stop sent again is answered as the first", "Accepted", offline.path("again").asText());
                SessionOverview billed = Services.await(context, SessionDirectory.class, null, WAIT)
                        .find(new SessionId("ocpp-" + id + "-" + offline.path("transactionId").asInt())).orElseThrow();
                assertEquals(SessionState.PAID, billed.session().state());
                assertEquals(pile, billed.session().pile().value());
                assertEquals(offline.path("meterStop").asLong() - offline.path("meterStart").asLong(),
                        billed.deliveredWh());
                long offlineFee = billed.fee().orElseThrow().minorUnits();
                assertTrue("the offline transaction costs something: " + billed, offlineFee > 0);
                Wallet wallet = Services.await(context, Wallet.class, null, WAIT);
                AccountId octavia = new AccountId("octavia");
                assertEquals("each session paid once", OPENING_BALANCE.minus(Money.of(due + offlineFee, "EUR")),
                        wallet.balance(octavia, Currency.getInstance("EUR")));
                assertEquals(2, wallet.history(octavia, 10).stream()
                        .filter(movement -> movement.kind() == LedgerTransaction.Kind.SESSION_FEE).count());
            } finally {
                chargePoint.descendants().forEach(ProcessHandle::destroyForcibly);
                chargePoint.destroyForcibly();
            }
        } finally {
            KarafShell.execute(shell, "pilegate:ocpp-remove " + id);
        }
        assertEquals(List.of(), Services.await(context, ChargePoints.class, null, WAIT).list());
    }
}
