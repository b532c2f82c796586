package org.pilegate.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.pilegate.itests.Dialogues.OPENING_BALANCE;
import static org.pilegate.itests.Dialogues.WAIT;
import static org.pilegate.itests.Dialogues.associate;
import static org.pilegate.itests.Dialogues.associationRequest;
import static org.pilegate.itests.Dialogues.chargeRequest;
import static org.pilegate.itests.Dialogues.driver;
import static org.pilegate.itests.Dialogues.refusedAssociation;
import static org.pilegate.itests.Dialogues.statusUpdates;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.pilegate.api.money.Money;
import org.pilegate.api.vehicle.AccountId;
import org.pilegate.api.vehicle.VehicleId;
import org.pilegate.api.wallet.Wallet;
import org.pilegate.sim.DepotSimulator;
import org.pilegate.sim.SimulatedVehicle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The charging dialogue end to end: simulated piles on real Modbus TCP, the real drivers, pile controllers and session
 * service, and drivers' terminals as real WebSocket clients of the terminal API.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class DialogueIT extends InsideGateway {

    /** As configured for the test gateway, see {@link PilegateDistribution}. */
    private static final Duration STATUS_INTERVAL = Duration.ofMillis(PilegateDistribution.STATUS_INTERVAL_MS);
    /** Time a status update may take on its way, beyond the interval. */
    private static final Duration DELIVERY_SLACK = Duration.ofMillis(1_500);

    @Inject
    private DepotSimulator depot;

    @Test
    public void plugPromptChargeStopPayAndTheSessionHoldsTheMeterDelta() throws Exception {
        int pile = 10;
        try (TerminalClient client = driver(context, "anna", pile).client()) {
            long registerBefore = depot.snapshot(pile).energyWh();
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-ANNA"), 60_000, 0.2));

            JsonNode chargingPrompt = client.next("charging_prompt", WAIT);
            assertEquals("sim-11", chargingPrompt.path("pile").asText());
            assertEquals("EV-ANNA", chargingPrompt.path("vehicle").asText());
            String session = associate(client, "sim-11", "anna-phone");
            JsonNode charging = chargeRequest(client, "sim-11", "{}");
            assertEquals("CHARGING", charging.path("state").asText());
            // the answer carries what the depot's plan promises: no target, so nothing can fall short
            JsonNode promise = client.next("charging_promise", WAIT);
            assertEquals(session, promise.path("session").asText());
            assertTrue("promised: " + promise, promise.path("targetMet").asBoolean());
            assertEquals("pile maximum 32 A", promise.path("holdBack").asText());
            Services.awaitTrue("relay closed on the simulator", WAIT, () -> depot.snapshot(pile).contactorClosed());

            List<JsonNode> updates = statusUpdates(client, session, 4);
            for (int i = 1; i < updates.size(); i++) {
                Duration gap = Duration.between(Instant.parse(updates.get(i - 1).path("at").asText()),
                        Instant.parse(updates.get(i).path("at").asText()));
                assertTrue("status every " + STATUS_INTERVAL + ", but a gap of " + gap,
                        gap.compareTo(STATUS_INTERVAL.plus(DELIVERY_SLACK)) <= 0);
                assertEquals(updates.get(i - 1).path("seq").asLong() + 1, updates.get(i).path("seq").asLong());
            }
            long first = updates.get(0).path("energyWh").asLong();
            long last = updates.get(updates.size() - 1).path("energyWh").asLong();
            assertTrue("energy rises: " + first + " -> " + last, last > first);

            client.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
            JsonNode finished = client.next(frame -> "FINISHED".equals(frame.path("state").asText()),
                    "the finished status", WAIT);
            assertFalse("relay opened on the simulator", depot.snapshot(pile).contactorClosed());
            long delivered = depot.snapshot(pile).energyWh() - registerBefore;
            assertEquals("the session holds the delta of the meter registers", delivered,
                    finished.path("energyWh").asLong(), 1.0);
            assertTrue(delivered > 0);

            JsonNode fee = client.next("fee_notice", WAIT);
            long due = fee.path("total").path("minorUnits").asLong();
            assertTrue("a fee is due: " + fee, due > 0);
            client.send("{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                    + fee.path("feeId").asText() + "\"}");
            assertEquals("PAID", client.next("status_update", WAIT).path("state").asText());
            client.send("{\"type\":\"payment_confirmation\",\"session\":\"" + session + "\",\"feeId\":\""
                    + fee.path("feeId").asText() + "\"}");
            assertEquals("PAID", client.next("status_update", WAIT).path("state").asText());
            Wallet wallet = Services.await(context, Wallet.class, null, WAIT);
            assertEquals("debited exactly once", OPENING_BALANCE.minus(Money.of(due, "EUR")),
                    wallet.balance(new AccountId("anna"), Currency.getInstance("EUR")));
        } finally {
            depot.unplug(pile);
        }
    }

    @Test
    public void onlyTheBoundTerminalMayStopItsSession() throws Exception {
        int pile = 11;
        try (TerminalClient owner = driver(context, "boris", pile).client();
                TerminalClient other = driver(context, "carla", -1).client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-BORIS"), 60_000, 0.2));
            String session = associate(owner, "sim-12", "boris-phone");
            chargeRequest(owner, "sim-12", "{}");

            other.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");

            assertEquals("not_bound", other.next("error", WAIT).path("code").asText());
            assertTrue("still charging", depot.snapshot(pile).contactorClosed());
        } finally {
            depot.unplug(pile);
        }
    }

    @Test
    public void replayedForgedAndExpiredTokensAreRefused() throws Exception {
        int pile = 12;
        try (TerminalClient client = driver(context, "dora", pile).client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-DORA"), 60_000, 0.2));
            String token = client.next("association_prompt", WAIT).path("associationToken").asText();

            String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
            assertEquals("token_forged", refusedAssociation(client, "sim-13", forged, "dora-phone"));

            client.send(associationRequest("sim-13", token, "dora-phone"));
            client.next("status_update", WAIT);
            depot.unplug(pile);
            client.next(frame -> "FAILED".equals(frame.path("state").asText()), "the abandoned session", WAIT);
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-DORA"), 60_000, 0.2));
            String fresh = client.next("association_prompt", WAIT).path("associationToken").asText();
            assertEquals("token_replayed", refusedAssociation(client, "sim-13", token, "dora-phone"));

            Thread.sleep(Duration.ofSeconds(PilegateDistribution.PROMPT_LIFETIME_S).plusSeconds(1).toMillis());
            assertEquals("token_expired", refusedAssociation(client, "sim-13", fresh, "dora-phone"));
        } finally {
            depot.unplug(pile);
        }
    }

    @Test
    public void unplugMidSessionFinishesItCleanly() throws Exception {
        int pile = 13;
        try (TerminalClient client = driver(context, "emil", pile).client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-EMIL"), 60_000, 0.2));
            String session = associate(client, "sim-14", "emil-phone");
            chargeRequest(client, "sim-14", "{}");
            statusUpdates(client, session, 2);

            depot.unplug(pile);

            JsonNode finished = client.next(frame -> "FINISHED".equals(frame.path("state").asText()),
                    "the finished status", WAIT);
            assertEquals(session, finished.path("session").asText());
            assertTrue(finished.path("energyWh").asLong() > 0);
            assertEquals(0, finished.path("powerW").asLong());
        }
    }

    @Test
    public void chargingStopsAtTheTargetEnergy() throws Exception {
        int pile = 14;
        try (TerminalClient client = driver(context, "fritz", pile).client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-FRITZ"), 60_000, 0.2));
            associate(client, "sim-15", "fritz-phone");
            chargeRequest(client, "sim-15", "{\"energyWh\":5}");

            JsonNode finished = client.next(frame -> "FINISHED".equals(frame.path("state").asText()),
                    "the finished status", WAIT);

            assertTrue("at least the target: " + finished, finished.path("energyWh").asLong() >= 5);
            Services.awaitTrue("relay opened on the simulator", WAIT, () -> !depot.snapshot(pile).contactorClosed());
        } finally {
            depot.unplug(pile);
        }
    }

    @Test
    public void malformedJsonGetsAnErrorFrameAndNothingElseChanges() throws Exception {
        int pile = 15;
        try (TerminalClient charging = driver(context, "gina", pile).client();
                TerminalClient careless = driver(context, "hugo", -1).client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-GINA"), 60_000, 0.2));
            String session = associate(charging, "sim-16", "gina-phone");
            chargeRequest(charging, "sim-16", "{}");

            careless.send("{\"type\":\"stop_request\",");
            assertEquals("malformed_json", careless.next("error", WAIT).path("code").asText());
            careless.send("{\"type\":\"prompt_request\",\"pile\":\"no-such-pile\"}");
            assertEquals("unknown_pile", careless.next("error", WAIT).path("code").asText());

            assertTrue(careless.isOpen());
            statusUpdates(charging, session, 2);
        } finally {
            depot.unplug(pile);
        }
    }

    @Test
    public void aSessionSurvivesARestartOfTheSessionServiceAndAReconnectGetsWhatWasMissed() throws Exception {
        int pile = 16;
        Dialogues.Driver ines = driver(context, "ines", pile);
        try (TerminalClient client = ines.client()) {
            depot.plug(pile, new SimulatedVehicle(new VehicleId("EV-INES"), 60_000, 0.2));
            String session = associate(client, "sim-17", "ines-phone");
            chargeRequest(client, "sim-17", "{}");
            long before = statusUpdates(client, session, 1).get(0).path("energyWh").asLong();

            Bundle sessions = Arrays.stream(context.getBundles())
                    .filter(bundle -> "org.pilegate.session".equals(bundle.getSymbolicName())).findFirst()
                    .orElseThrow();
            sessions.update();

            JsonNode after = statusUpdates(client, session, 2).get(1);
            assertTrue("still bound, energy counts on from the register: " + before + " -> " + after,
                    after.path("energyWh").asLong() > before);
            long lastSeen = after.path("seq").asLong();
            client.close();
            Thread.sleep(3 * STATUS_INTERVAL.toMillis());

            try (TerminalClient again = TerminalClient.connect(ines.credential(), WAIT)) {
                JsonNode latest = again.next("status_update", WAIT);
                assertEquals(session, latest.path("session").asText());
                again.send("{\"type\":\"resume_request\",\"session\":\"" + session + "\",\"lastSeq\":" + lastSeen
                        + "}");
                JsonNode firstMissed = again.next(frame -> frame.path("seq").asLong() == lastSeen + 1,
                        "the first missed status", WAIT);
                assertTrue(firstMissed.path("energyWh").asLong() >= after.path("energyWh").asLong());
                again.send("{\"type\":\"stop_request\",\"session\":\"" + session + "\"}");
                again.next(frame -> "FINISHED".equals(frame.path("state").asText()), "the finished status", WAIT);
            }
        } finally {
            depot.unplug(pile);
        }
    }
}
