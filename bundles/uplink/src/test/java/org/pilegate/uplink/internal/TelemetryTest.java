package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.api.pile.PileFault;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.pile.PileState;
import org.pilegate.api.pile.PileStatus;
import org.pilegate.api.relay.PlugState;

class TelemetryTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private final ManualClock clock = new ManualClock(NOW);
    private final Telemetry telemetry = new Telemetry(new Records("depot-north", clock), clock);

    @Test
    void aPileIsRecordedWhenFirstSeenAndWhenItsStateOrFaultChangesOnly() throws Exception {
        telemetry.seen(status("bay-07", PileState.AVAILABLE, 0, Optional.empty()));
        telemetry.seen(status("bay-07", PileState.AVAILABLE, 0, Optional.empty()));
        telemetry.seen(status("bay-07", PileState.CHARGING, 11_000, Optional.empty()));
        telemetry.seen(status("bay-07", PileState.CHARGING, 10_500, Optional.empty()));
        telemetry.seen(status("bay-07", PileState.FAULTED, 0, Optional.of("ground fault")));

        List<OutboxEvent> events = telemetry.flush();

        assertEquals(List.of("AVAILABLE", "CHARGING", "FAULTED", "pile.fault"), events.stream()
                .map(TelemetryTest::state).toList());
        assertEquals("depot-north/bay-07", events.get(0).key());
        assertEquals(Topic.TELEMETRY, events.get(0).topic());
        assertEquals("ground fault", Records.JSON.readTree(events.get(2).payload()).get("fault").asText());
        assertEquals(List.of(), telemetry.flush(), "each change once");
    }

    @Test
    void eachFaultIsAnEventWhenItComesAndWhenItGoesWithItsCodeFromTheCatalogue() throws Exception {
        PileFault silent = new PileFault(ErrorCode.RELAY_NOT_ANSWERING, "relay bay-07.relay not answering since"
                + " 2026-12-03T09:59:00Z");
        PileFault pilot = new PileFault(ErrorCode.CONTROL_PILOT_ERROR, "control pilot reports state E");
        telemetry.seen(status("bay-07", PileState.CHARGING, 11_000, List.of()));
        telemetry.seen(status("bay-07", PileState.FAULTED, 0, List.of(silent)));
        telemetry.seen(status("bay-07", PileState.FAULTED, 0, List.of(silent, pilot)));
        telemetry.seen(status("bay-07", PileState.FAULTED, 0, List.of(pilot)));
        telemetry.seen(status("bay-07", PileState.AVAILABLE, 0, List.of()));

        List<JsonNode> faults = new ArrayList<>();
        for (OutboxEvent event : telemetry.flush()) {
            JsonNode record = Records.JSON.readTree(event.payload());
            if (record.get("type").asText().startsWith("pile.fault")) {
                assertEquals(Topic.TELEMETRY, event.topic(), "dropped before billing past the budget");
                assertEquals("depot-north/bay-07", event.key(), "in order with the pile's status");
                faults.add(record);
            }
        }

        assertEquals(List.of("pile.fault relay_not_answering FAULTED", "pile.fault control_pilot_error FAULTED",
                "pile.fault.cleared relay_not_answering FAULTED", "pile.fault.cleared control_pilot_error AVAILABLE"),
                faults.stream().map(f -> f.get("type").asText() + " " + f.get("code").asText() + " "
                        + f.get("state").asText()).toList());
        assertEquals(ErrorCode.RELAY_NOT_ANSWERING.meaning(), faults.get(0).get("meaning").asText());
        assertEquals(silent.text(), faults.get(0).get("fault").asText());
        assertEquals("bay-07", faults.get(0).get("pileId").asText());
    }

    @Test
    void aPileFirstSeenFaultedHasItsFaultComing() throws Exception {
        telemetry.seen(status("bay-07", PileState.FAULTED, 0, Optional.of("ground fault")));

        List<OutboxEvent> events = telemetry.flush();

        JsonNode fault = Records.JSON.readTree(events.get(1).payload());
        assertEquals("pile.fault", fault.get("type").asText());
        assertEquals("pile_faulted", fault.get("code").asText(), "known by its text alone");
        assertEquals("ground fault", fault.get("fault").asText());
    }

    private static String state(OutboxEvent event) {
        try {
            JsonNode record = Records.JSON.readTree(event.payload());
            if (record.get("type").asText().startsWith("pile.fault")) {
                return record.get("type").asText();
            }
            assertEquals("pile.status", record.get("type").asText());
            assertEquals(event.eventId(), record.get("eventId").asText());
            return record.get("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static PileStatus status(String pile, PileState state, long powerW, Optional<String> fault) {
        return new PileStatus(new PileId(pile), state, state == PileState.CHARGING ? PlugState.C : PlugState.A,
                state == PileState.CHARGING, powerW, 5_000, 16, Optional.empty(), fault, NOW);
    }

    private static PileStatus status(String pile, PileState state, long powerW, List<PileFault> faults) {
        return new PileStatus(new PileId(pile), state, state == PileState.CHARGING ? PlugState.C : PlugState.A,
                state == PileState.CHARGING, powerW, 5_000, 16, Optional.empty(), faults, NOW);
    }
}
