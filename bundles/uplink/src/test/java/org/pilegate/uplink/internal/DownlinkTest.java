package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.pile.PileId;
import org.pilegate.store.internal.StoreDatabases;
import org.pilegate.tariff.TariffJson;
import org.pilegate.tariff.TariffUpdates;

/**
 * Commands from the fleet through a real outbox and command table (H2): each answered once on the acks topic, applied
 * once however often delivered, refused with the catalogue's code and a message saying what and where.
 */
class DownlinkTest {

    private static final String WHERE = "pilegate.commands[1]@7";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final JdbcOutbox outbox = new JdbcOutbox(StoreDatabases.h2());
    private final FakeDepot depot = new FakeDepot(Set.of(new PileId("bay-07")));
    private final List<String> tariffsSaved = new ArrayList<>();
    /** The tariff folder's own check, without the folder. */
    private final TariffUpdates tariffs = json -> {
        tariffsSaved.add(json);
        return TariffJson.read(json);
    };
    private final JdbcCommands commands = new JdbcCommands(outbox);
    /** The defaults: commands valid for 24 h at most, their ids kept for 7 days. */
    private final UplinkSettings settings = UplinkSettings.of(Fixtures.config(Map.of()));
    private final Downlink downlink = new Downlink(new CommandReader("depot-north", settings.commandLifetimeMax()),
            new CommandApplier(() -> Optional.of(depot), () -> Optional.of(tariffs), depot::knows), commands,
            new Records("depot-north", clock), clock);

    @Test
    void aCommandIsAppliedAndAnsweredOnceHoweverOftenItIsDelivered() throws Exception {
        String limit = command("c-1", "pile.limit", "\"pileId\": \"bay-07\", \"limitA\": 16");

        handle(limit);
        handle(limit);

        assertEquals(List.of("bay-07 limit OptionalInt[16]"), depot.applied);
        JsonNode ack = single(acks());
        assertEquals("c-1", ack.get("commandId").asText());
        assertEquals("depot-north", ack.get("siteId").asText());
        assertEquals("pile.limit", ack.get("command").asText());
        assertEquals("applied", ack.get("outcome").asText());
        assertFalse(ack.has("code"));
    }

    @Test
    void eachKindOfCommandGoesToItsService() throws Exception {
        handle(command("c-1", "pile.availability", "\"pileId\": \"bay-07\", \"available\": false"));
        handle(command("c-2", "site.limit", "\"limitW\": 150000"));
        handle(command("c-3", "site.limit", "\"limitW\": null"));
        handle(command("c-4", "tariff.update", "\"tariff\": " + tariff("0.45")));

        assertEquals(List.of("bay-07 available false", "site OptionalLong[150000]", "site OptionalLong.empty"),
                depot.applied);
        assertEquals(1, tariffsSaved.size());
        assertEquals(List.of("applied", "applied", "applied", "applied"),
                acks().stream().map(ack -> ack.get("outcome").asText()).toList());
    }

    @Test
    void whatTheServicesRefuseIsRefusedWithTheirReason() throws Exception {
        handle(command("c-1", "pile.limit", "\"pileId\": \"bay-07\", \"limitA\": 90"));
        handle(command("c-2", "pile.limit", "\"pileId\": \"bay-99\", \"limitA\": 16"));
        handle(command("c-3", "tariff.update", "\"tariff\": " + tariff("\"cheap\"")));

        List<JsonNode> acks = acks();
        assertRefused(acks.get(0), "c-1", "invalid_request", "pile.limit command c-1 at " + WHERE
                + ": the current limit of pile bay-07 must be 6 to 32 A, not 90");
        assertRefused(acks.get(1), "c-2", "unknown_pile", "pile.limit command c-2 at " + WHERE
                + ": pileId: there is no pile bay-99 at this depot");
        assertRefused(acks.get(2), "c-3", "invalid_request", "tariff.update command c-3 at " + WHERE
                + ": tariff.elements[0].price_components[0].price: must be a number");
        assertEquals(List.of(), depot.applied);
    }

    @Test
    void malformedCommandsAreRefusedSayingWhatAndWhere() throws Exception {
        handle("{\"commandId\": \"c-1\", ");
        handle("[1, 2]");
        handle(command("c-3", "pile.reboot", "\"pileId\": \"bay-07\""));
        handle(command("c-4", "pile.limit", "\"pileId\": \"bay-07\", \"limitA\": 16.5"));
        handle(command("c-5", "pile.limit", "\"pileId\": \"bay-07\", \"limit\": 16"));
        handle(command("c-6", "pile.limit", "\"pileId\": \"bay 07\", \"limitA\": 16"));
        handle(command("c-7", "site.limit", "\"limitW\": 1000").replace("depot-north", "depot-south"));
        handle("x".repeat(CommandReader.MAX_CHARS + 1));

        List<JsonNode> acks = acks();
        assertRefused(acks.get(0), null, "malformed_json", "unknown command without a readable commandId at "
                + WHERE + ": not JSON: Unexpected end-of-input");
        assertRefused(acks.get(1), null, "invalid_message", "unknown command without a readable commandId at "
                + WHERE + ": a command must be a JSON object");
        assertRefused(acks.get(2), "c-3", "unknown_type", "unknown command c-3 at " + WHERE + ": type:"
                + " 'pile.reboot' is none of");
        assertRefused(acks.get(3), "c-4", "invalid_message", "pile.limit command c-4 at " + WHERE + ": limitA: must"
                + " be a whole number");
        assertRefused(acks.get(4), "c-5", "invalid_message", "pile.limit command c-5 at " + WHERE + ": limit: unknown"
                + " for pile.limit");
        assertRefused(acks.get(5), "c-6", "invalid_message", "pile.limit command c-6 at " + WHERE + ": pileId: pile"
                + " id must match");
        assertRefused(acks.get(6), "c-7", "invalid_message", "site.limit command c-7 at " + WHERE + ": siteId:"
                + " 'depot-south' is not this site, depot-north");
        assertRefused(acks.get(7), null, "message_too_large", "unknown command without a readable commandId at "
                + WHERE + ": the record has");
        assertEquals(List.of(), depot.applied);
    }

    @Test
    void aCommandPastItsExpiryIsRefusedNotAppliedLate() throws Exception {
        String limit = command("c-1", "site.limit", "\"limitW\": 50000");
        clock.advance(Duration.ofHours(2));

        handle(limit);

        assertRefused(single(acks()), "c-1", "command_expired", "site.limit command c-1 at " + WHERE
                + ": expiresAt: 2026-12-03T11:00:00Z has passed");
        assertEquals(List.of(), depot.applied);
    }

    @Test
    void aCommandValidForLongerThanACommandMayBeIsRefused() throws Exception {
        handle(command("c-1", "site.limit", "\"limitW\": 50000").replace("2026-12-03T11:00:00Z",
                "2026-12-05T10:00:00Z"));

        assertRefused(single(acks()), "c-1", "invalid_message", "site.limit command c-1 at " + WHERE
                + ": expiresAt: 2026-12-05T10:00:00Z is more than 24 h ahead");
        assertEquals(List.of(), depot.applied);
    }

    @Test
    void anAnsweredCommandIsRememberedThroughItsRetentionOnly() throws Exception {
        handle(command("c-1", "site.limit", "\"limitW\": 50000"));
        clock.advance(Duration.ofHours(2));
        handle(command("c-2", "site.limit", "\"limitW\": 60000").replace("2026-12-03T11:00:00Z",
                "2026-12-03T13:00:00Z"));
        clock.advance(settings.commandRetention().minusHours(1));

        assertEquals(1, commands.forgetAnsweredBefore(clock.instant().minus(settings.commandRetention())));

        assertFalse(commands.answered("c-1"), "answered longer ago than the retention");
        assertTrue(commands.answered("c-2"));
    }

    @Test
    void aCommandDeliveredAgainAfterItsIdIsForgottenHasExpiredAndIsNotAppliedAgain() throws Exception {
        String limit = command("c-1", "site.limit", "\"limitW\": 50000");
        handle(limit);
        clock.advance(settings.commandRetention().plusSeconds(1));
        assertEquals(1, commands.forgetAnsweredBefore(clock.instant().minus(settings.commandRetention())));

        handle(limit);

        assertEquals(List.of("site OptionalLong[50000]"), depot.applied, "applied once");
        List<JsonNode> acks = acks();
        assertEquals("applied", acks.get(0).get("outcome").asText());
        assertRefused(acks.get(1), "c-1", "command_expired", "site.limit command c-1 at " + WHERE
                + ": expiresAt: 2026-12-03T11:00:00Z has passed");
    }

    private void handle(String value) throws Exception {
        downlink.handle(value, WHERE).toCompletableFuture().get();
    }

    /** A command for depot-north that expires an hour after the test's start. */
    static String command(String id, String type, String body) {
        return "{\"commandId\": \"" + id + "\", \"schemaVersion\": 1, \"siteId\": \"depot-north\", \"type\": \""
                + type + "\", \"issuedAt\": \"2026-12-03T09:59:00Z\", \"expiresAt\": \"2026-12-03T11:00:00Z\", "
                + body + "}";
    }

    static String tariff(String energyPrice) {
        return "{\"id\": \"site-default\", \"currency\": \"EUR\", \"elements\": [{\"price_components\": [{\"type\":"
                + " \"ENERGY\", \"price\": " + energyPrice + ", \"step_size\": 1}]}]}";
    }

    private List<JsonNode> acks() throws Exception {
        List<JsonNode> acks = new ArrayList<>();
        for (OutboxEvent event : outbox.after(0, 100)) {
            assertEquals(Topic.ACKS, event.topic());
            assertEquals("depot-north", event.key());
            JsonNode ack = Records.JSON.readTree(event.payload());
            assertEquals("command.ack", ack.get("type").asText());
            acks.add(ack);
        }
        return acks;
    }

    private static JsonNode single(List<JsonNode> acks) {
        assertEquals(1, acks.size(), acks.toString());
        return acks.get(0);
    }

    private static void assertRefused(JsonNode ack, String commandId, String code, String messageStart) {
        assertEquals(commandId, ack.has("commandId") ? ack.get("commandId").asText() : null, ack.toString());
        assertEquals("refused", ack.get("outcome").asText());
        assertEquals(code, ack.get("code").asText(), ack.toString());
        assertTrue(ack.get("message").asText().startsWith(messageStart), ack.get("message").asText());
    }
}
