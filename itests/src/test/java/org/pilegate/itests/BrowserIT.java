package org.pilegate.itests;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.sim.DepotSimulator;

/**
 * The charging dialogue in a real browser against the booted gateway: headless Chromium drives the operator dashboard
 * and a driver's terminal page (itests/browser/dialogue.mjs) — plug from the dashboard, prompt, request, live status,
 * stop, fee, payment, new balance, and the dashboard following the pile. Screenshots go to target/browser.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BrowserIT extends InsideGateway {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration BROWSER_TIMEOUT = Duration.ofMinutes(4);
    /** Pile sim-18: no other integration test uses it. */
    private static final int PILE = 17;
    private static final Money OPENING_BALANCE = Money.of(10_000, "EUR");

    @Inject
    private DepotSimulator depot;

    @Test
    public void aDriverChargesAndPaysInTheBrowserWhileTheDashboardFollowsThePile() throws Exception {
        AccountId account = new AccountId("wanda");
        String credential = driver(account, new VehicleId("EV-WANDA"), new TerminalId("wanda-phone"));
        String operatorPassword = operatorPassword();
        String base = "http://127.0.0.1:" + PilegateDistribution.HTTP_PORT;
        awaitPage(base + "/dashboard");
        Path itests = NodeScripts.itestsDirectory();
        Path browserDir = itests.resolve("browser");
        Path log = itests.resolve("target/browser/dialogue.log");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        try {
            NodeScripts.install(browserDir, "playwright-core", log);
            int exit = NodeScripts.run(browserDir, log, Map.of(
                    "PILEGATE_URL", base,
                    "PILEGATE_OPERATOR_USER", "admin",
                    "PILEGATE_OPERATOR_PASSWORD", operatorPassword,
                    "PILEGATE_TERMINAL_CREDENTIAL", credential,
                    "PILEGATE_PILE", String.format("sim-%02d", PILE + 1),
                    "PILEGATE_VEHICLE", "EV-WANDA",
                    "PILEGATE_OPENING_BALANCE", Long.toString(OPENING_BALANCE.minorUnits()),
                    "PILEGATE_SCREENSHOTS", log.getParent().toString()),
                    BROWSER_TIMEOUT, "node", "dialogue.mjs");
            assertEquals("the browser dialogue failed:\n" + Files.readString(log), 0, exit);
        } finally {
            depot.unplug(PILE);
        }
        Wallet wallet = Services.await(context, Wallet.class, null, WAIT);
        Services.awaitTrue("the fee debited from the wallet", WAIT, () -> wallet.balance(account,
                Currency.getInstance("EUR")).isLessThan(OPENING_BALANCE));
    }

    /** Registers an account with a vehicle, a terminal and money in the wallet; returns the terminal's credential. */
    private String driver(AccountId account, VehicleId vehicle, TerminalId terminal) {
        VehicleRegistry registry = Services.await(context, VehicleRegistry.class, null, WAIT);
        registry.registerAccount(account, "Wanda");
        registry.registerVehicle(vehicle, account);
        registry.registerTerminal(terminal, account);
        Services.await(context, Wallet.class, null, WAIT).topUp(account, OPENING_BALANCE, "opening-wanda");
        return Services.await(context, TerminalCredentials.class, null, WAIT).issue(terminal);
    }

    /** The operator's secret, generated on first start as no PILEGATE_ADMIN_PASSWORD is set. */
    private static String operatorPassword() throws IOException {
        Path secret = Path.of(System.getProperty("karaf.etc"), "admin.password");
        Services.awaitTrue(secret + " written", WAIT, () -> Files.isReadable(secret));
        return Files.readString(secret, StandardCharsets.UTF_8).strip();
    }

    private static void awaitPage(String url) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Services.awaitTrue(url + " served", WAIT, () -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }
}
