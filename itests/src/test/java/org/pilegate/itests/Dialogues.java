package org.pilegate.itests;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.pilegate.api.money.Money;
import org.pilegate.api.terminal.TerminalCredentials;
import org.pilegate.api.terminal.TerminalId;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.vehicle.VehicleRegistry;
import org.pilegate.api.wallet.Wallet;

import com.fasterxml.jackson.databind.JsonNode;

/** The steps of the charging dialogue as a driver's terminal takes them, for tests inside the gateway. */
final class Dialogues {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** In the currency of the site tariff shipped in config/tariffs. */
    static final Money OPENING_BALANCE = Money.of(10_000, "EUR");

    /** A driver with a registered vehicle and a terminal connected to the gateway. */
    record Driver(VehicleId vehicle, TerminalId terminal, String credential, TerminalClient client) {
    }

    private Dialogues() {
    }

    /** Registers a driver whose vehicle is EV-NAME (for pile index {@code pile}, or none when negative). */
    static Driver driver(BundleContext context, String name, int pile) throws Exception {
        // looked up afresh: one test restarts the bundle that provides them
        VehicleRegistry registry = Services.await(context, VehicleRegistry.class, null, WAIT);
        TerminalCredentials credentials = Services.await(context, TerminalCredentials.class, null, WAIT);
        AccountId account = new AccountId(name);
        registry.registerAccount(account, name);
        VehicleId vehicle = new VehicleId("EV-" + name.toUpperCase());
        if (pile >= 0) {
            registry.registerVehicle(vehicle, account);
        }
        TerminalId terminal = new TerminalId(name + "-phone");
        registry.registerTerminal(terminal, account);
        Services.await(context, Wallet.class, null, WAIT).topUp(account, OPENING_BALANCE, "opening-" + name);
        String credential = credentials.issue(terminal);
        return new Driver(vehicle, terminal, credential, TerminalClient.connect(credential, WAIT));
    }

    /** Answers the association prompt; returns the session id from the bound status. */
    static String associate(TerminalClient client, String pile, String terminal) throws Exception {
        String token = client.next("association_prompt", WAIT).path("associationToken").asText();
        client.send(associationRequest(pile, token, terminal));
        JsonNode bound = client.next("status_update", WAIT);
        assertEquals("PENDING", bound.path("state").asText());
        return bound.path("session").asText();
    }

    static JsonNode chargeRequest(TerminalClient client, String pile, String targets) throws Exception {
        client.send("{\"type\":\"charging_request\",\"pile\":\"" + pile + "\",\"targets\":" + targets + "}");
        return client.next(frame -> "CHARGING".equals(frame.path("state").asText()), "the charging status", WAIT);
    }

    static String refusedAssociation(TerminalClient client, String pile, String token, String terminal)
            throws Exception {
        client.send(associationRequest(pile, token, terminal));
        return client.next("error", WAIT).path("code").asText();
    }

    static String associationRequest(String pile, String token, String terminal) {
        return "{\"type\":\"association_request\",\"pile\":\"" + pile + "\",\"associationToken\":\"" + token
                + "\",\"terminal\":\"" + terminal + "\"}";
    }

    static List<JsonNode> statusUpdates(TerminalClient client, String session, int count) throws Exception {
        List<JsonNode> updates = new ArrayList<>();
        while (updates.size() < count) {
            updates.add(client.next(frame -> "status_update".equals(frame.path("type").asText())
                    && session.equals(frame.path("session").asText())
                    && "CHARGING".equals(frame.path("state").asText()), "a charging status", WAIT));
        }
        return updates;
    }
}
