package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An OCPP 1.6J charge point written by others (npm's ocpp-rpc, itests/ocpp/crash-charge-point.mjs) charging a
 * driver's vehicle on a forked gateway that is killed under it: a transaction the gateway started goes on through the
 * first kill, the charge point reconnecting and sampling on; at the second the driver stops at the charger while the
 * gateway is down, and the StopTransaction it queued is delivered after the restart. The driver's terminal re-attaches
 * after each restart, as an app does.
 */
final class CrashedChargePoint implements AutoCloseable {

    static final String ID = "CP-CRASH";
    static final String PILE = ID + "-1";

    private final Process script;
    private final Path log;
    private final String credential;
    private final Duration wait;
    private TerminalClient terminal;
    private String session;

    private CrashedChargePoint(Process script, Path log, String credential, TerminalClient terminal, Duration wait) {
        this.script = script;
        this.log = log;
        this.credential = credential;
        this.terminal = terminal;
        this.wait = wait;
    }

    /**
     * Registers the charge point and the driver (account {@code olga}, vehicle {@code EV-OLGA}, a wallet and a
     * terminal) with the gateway's shell, starts the charge point and runs the dialogue until the session charges.
     */
    static CrashedChargePoint charging(ForkedGateway gateway, Duration wait) throws Exception {
        gateway.shell("pilegate:account-add olga \"Olga Berg\"", "pilegate:vehicle-add EV-OLGA olga",
                "pilegate:wallet-topup olga 100.00 EUR opening-olga");
        String credential = GatewayCrashIT.lastLine(gateway.shell("pilegate:terminal-add olga-phone olga"));
        String password = GatewayCrashIT.lastLine(gateway.shell("pilegate:ocpp-add --connectors 1 " + ID));
        Path folder = Path.of("ocpp").toAbsolutePath();
        Path log = Path.of("target", "ocpp", "crash-charge-point.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        NodeScripts.install(folder, "ocpp-rpc", log);
        TerminalClient terminal = TerminalClient.connect(credential, wait);
        Process script = NodeScripts.start(folder, log, Map.of(
                "PILEGATE_OCPP_URL", "ws://127.0.0.1:" + PilegateDistribution.HTTP_PORT + "/ocpp",
                "PILEGATE_CHARGE_POINT", ID, "PILEGATE_CHARGE_POINT_PASSWORD", password,
                "PILEGATE_ID_TAG", "EV-OLGA"), "node", "crash-charge-point.mjs");
        CrashedChargePoint chargePoint = new CrashedChargePoint(script, log, credential, terminal, wait);
        chargePoint.session = Dialogues.associate(terminal, PILE, "olga-phone");
        Dialogues.chargeRequest(terminal, PILE, "{}");
        Services.awaitTrue("the charge point samples its transaction", wait, () -> chargePoint.logged("started"));
        chargePoint.charging(chargePoint.step("started").path("meterStart").asLong());
        return chargePoint;
    }

    /** The terminal's connection is gone with the gateway; it comes again once the gateway is back. */
    void gatewayKilled() {
        terminal.close();
    }

    /**
     * After the first restart: the charge point reconnected and samples on, and the session resumed, holding the
     * energy drawn while the gateway was down.
     */
    void resumed() throws Exception {
        terminal = TerminalClient.connect(credential, wait);
        Services.awaitTrue("the charge point samples again after the restart", wait,
                () -> logged("sampled-after-reconnect"));
        charging(step("sampled-after-reconnect").path("registerWh").asLong());
    }

    /**
     * After the second restart: the StopTransaction the charge point queued while the gateway was down was taken,
     * the session holds meterStop − meterStart, its fee is paid from the wallet.
     *
     * @return the fee paid, in minor units
     */
    long stoppedWhileDownAndBilled() throws Exception {
        terminal = TerminalClient.connect(credential, wait);
        Services.awaitTrue("the queued stop was delivered", wait, () -> logged("stopped"));
        JsonNode stopped = step("stopped");
        assertEquals("the transaction the charge point started is the one it stopped",
                step("started").path("transactionId").asInt(), stopped.path("transactionId").asInt());
        JsonNode finished = terminal.next(frame -> session.equals(frame.path("session").asText())
                && "FINISHED".equals(frame.path("state").asText()), "the finished status", wait);
        assertEquals("the session holds meterStop - meterStart",
                stopped.path("meterStop").asLong() - stopped.path("meterStart").asLong(),
                finished.path("energyWh").asLong());
        JsonNode fee = terminal.next("fee_notice", wait);
        long due = fee.path("total").path("minorUnits").asLong();
        assertTrue("a fee is due: " + fee, due > 0);
        terminal.send("{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                + fee.path("feeId").asText() + "\"}");
        terminal.next(frame -> "PAID".equals(frame.path("state").asText()), "the paid status", wait);
        assertEquals("the charge point's script ended well:\n" + Files.readString(log), 0,
                NodeScripts.await(script, log, wait, "the charge point"));
        assertTrue("the gateway started no second transaction:\n" + Files.readString(log),
                !logged("second-remote-start"));
        return due;
    }

    String session() {
        return session;
    }

    /** A charging status of the session beyond what the charge point counted up to {@code registerWh}. */
    private void charging(long registerWh) throws Exception {
        long counted = registerWh - step("started").path("meterStart").asLong();
        terminal.next(frame -> "status_update".equals(frame.path("type").asText())
                && session.equals(frame.path("session").asText())
                && "CHARGING".equals(frame.path("state").asText()) && frame.path("energyWh").asLong() >= counted,
                "a charging status of at least the " + counted + " Wh counted", wait);
    }

    private boolean logged(String step) {
        return NodeScripts.logged(log, step);
    }

    private JsonNode step(String step) throws IOException {
        return NodeScripts.step(log, step);
    }

    @Override
    public void close() {
        terminal.close();
        script.descendants().forEach(ProcessHandle::destroyForcibly);
        script.destroyForcibly();
    }
}
