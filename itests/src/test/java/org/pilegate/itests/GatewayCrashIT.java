package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.sim.SimulatedVehicle;
import org.pilegate.sim.internal.Simulation;
import org.pilegate.sim.internal.StandaloneSimulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway killed with SIGKILL at each point between a driver's stop and the payment of the fee. The piles run
 * outside the gateway (in this JVM), so their meters go on counting while it is down, as real ones do. After every
 * restart the terminal re-attaches; in the end the session holds the whole meter delta, the fee notice the terminal
 * got before the crash is the one it gets after, and the wallet is debited once.
 * <p>
 * Beside it an OCPP 1.6J charge point ({@link CrashedChargePoint}) charges another driver's vehicle through the first
 * two kills: its transaction resumes after the first, and the stop it queued while the gateway was down for the second
 * is delivered after the restart; that session too holds meterStop − meterStart and is paid once.
 */
public class GatewayCrashIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final String PILE = "crash-01";
    private static final long OPENING_BALANCE_CENTS = 100_00;

    private Simulation depot;
    private ForkedGateway gateway;
    private CrashedChargePoint chargePoint;

    @Before
    public void startDepotAndGateway() throws Exception {
        depot = StandaloneSimulator.start(Map.of("basePort", Integer.toString(PilegateDistribution.SIMULATOR_PORT),
                "piles", "1", "pilesPerPort", "1", "tickMs", "100"));
        Map<String, String> etc = new HashMap<>(ForkedGateway.modbusPile(PILE, PilegateDistribution.SIMULATOR_PORT));
        etc.put("org.pilegate.session.cfg", "statusIntervalMs = 1000\n");
        gateway = ForkedGateway.unpack(Path.of("target", "crash-gateway").toAbsolutePath(), etc);
        gateway.start(BOOT);
    }

    @After
    public void stopDepotAndGateway() throws Exception {
        if (chargePoint != null) {
            chargePoint.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (depot != null) {
            depot.close();
        }
    }

    @Test
    public void killedBetweenStopAndPaymentTheGatewayLosesNothingAndDebitsOnce() throws Exception {
        gateway.shell("pilegate:account-add erik \"Erik Lund\"", "pilegate:vehicle-add EV-ERIK erik",
                "pilegate:wallet-topup erik 100.00 EUR opening-erik");
        String credential = lastLine(gateway.shell("pilegate:terminal-add erik-phone erik"));
        chargePoint = CrashedChargePoint.charging(gateway, WAIT);
        TerminalClient terminal = TerminalClient.connect(credential, BOOT);
        long registerAtPlug = depot.snapshot(0).energyWh();
        depot.plug(0, new SimulatedVehicle(new VehicleId("EV-ERIK"), 60_000, 0.2));
        String token = terminal.next("association_prompt", WAIT).path("associationToken").asText();
        terminal.send(Dialogues.associationRequest(PILE, token, "erik-phone"));
        String session = terminal.next("status_update", WAIT).path("session").asText();
        terminal.send("{\"type\":\"charging_request\",\"pile\":\"" + PILE + "\",\"targets\":{}}");
        terminal.next(frame -> "CHARGING".equals(frame.path("state").asText()), "the charging status", WAIT);
        Services.awaitTrue("energy flows", WAIT, () -> depot.snapshot(0).energyWh() > registerAtPlug + 5);

        // 1: killed as the stop arrives; whether the gateway took it or not, the terminal sees the session through
        terminal.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
        terminal = restart(terminal, credential);
        JsonNode latest = terminal.next(frame -> session.equals(frame.path("session").asText())
                && frame.path("type").asText().equals("status_update"), "the session's status on re-attach", WAIT);
        JsonNode finished = "FINISHED".equals(latest.path("state").asText()) ? latest
                : untilAnswered(terminal, "{\"type\":\"stop_request\",\"session\":\"" + session + "\"}",
                        "FINISHED");
        JsonNode fee = terminal.next("fee_notice", WAIT);
        assertFalse("contactor opened", depot.snapshot(0).contactorClosed());
        long delivered = depot.snapshot(0).energyWh() - registerAtPlug;
        assertTrue("energy delivered while the gateway was down counts too: " + delivered, delivered > 5);
        assertEquals("the session holds the whole delta of the meter registers", delivered,
                finished.path("energyWh").asLong(), 1.0);
        long due = fee.path("total").path("minorUnits").asLong();
        assertTrue("a fee is due: " + fee, due > 0);
        chargePoint.resumed();

        // 2: killed between the fee notice and the payment: the same notice comes again
        terminal = restart(terminal, credential);
        JsonNode again = terminal.next("fee_notice", WAIT);
        assertEquals(fee.path("feeId").asText(), again.path("feeId").asText());
        assertEquals(due, again.path("total").path("minorUnits").asLong());
        long ocppDue = chargePoint.stoppedWhileDownAndBilled();

        // 3: killed as the payment confirmation arrives; confirming again after the restart pays at most once
        String confirmation = "{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                + fee.path("feeId").asText() + "\"}";
        terminal.send(confirmation);
        terminal = restart(terminal, credential);
        untilAnswered(terminal, confirmation, "PAID");
        terminal.close();

        String wallet = gateway.shell("pilegate:wallet erik");
        assertEquals("debited exactly once: " + wallet, OPENING_BALANCE_CENTS - due, balanceCents(wallet));
        assertEquals("one fee movement: " + wallet, 1, count(wallet, "fee:" + session));
        String ocppWallet = gateway.shell("pilegate:wallet olga");
        assertEquals("debited exactly once: " + ocppWallet, OPENING_BALANCE_CENTS - ocppDue, balanceCents(ocppWallet));
        assertEquals("one fee movement: " + ocppWallet, 1, count(ocppWallet, "fee:" + chargePoint.session()));
    }

    /** Kills the gateway, starts it on the same folder and re-attaches the terminal. */
    private TerminalClient restart(TerminalClient terminal, String credential) throws Exception {
        gateway.kill();
        terminal.close();
        chargePoint.gatewayKilled();
        gateway.start(BOOT);
        return TerminalClient.connect(credential, BOOT);
    }

    /**
     * Sends {@code request} as a terminal app does: again while the restarted gateway says the part it needs is not
     * back yet; returns the session's status in {@code state}.
     */
    private static JsonNode untilAnswered(TerminalClient terminal, String request, String state) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            terminal.send(request);
            JsonNode answer = terminal.next(frame -> state.equals(frame.path("state").asText())
                    || frame.path("type").asText().equals("error"), "the answer to " + request, WAIT);
            if (!answer.path("type").asText().equals("error")) {
                return answer;
            }
            assertTrue("refused: " + answer,
                    Set.of("service_unavailable", "pile_unavailable").contains(answer.path("code").asText()));
            assertTrue("the gateway was not back within " + WAIT, Instant.now().isBefore(deadline));
            Thread.sleep(500);
        }
    }

    static String lastLine(String output) {
        String[] lines = output.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    private static long balanceCents(String walletOutput) {
        Matcher balance = Pattern.compile("balance (-?\\d+\\.\\d{2}) EUR").matcher(walletOutput);
        assertTrue("a balance in: " + walletOutput, balance.find());
        return new BigDecimal(balance.group(1)).movePointRight(2).longValueExact();
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }
}
