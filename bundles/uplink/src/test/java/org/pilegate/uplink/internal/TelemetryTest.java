package org.pilegate.uplink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.pilegate.api.ManualClock;
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

        assertEquals(List.of("AVAILABLE", "CHARGING", "FAULTED"), events.stream().map(TelemetryTest::state)
                .toList());
        assertEquals("depot-north/bay-07", events.get(0).key());
        assertEquals(Topic.TELEMETRY, events.get(0).topic());
        assertEquals("ground fault", Records.JSON.readTree(events.get(2).payload()).get("fault").asText());
        assertEquals(List.of(), telemetry.flush(), "each change once");
    }

    private static String state(OutboxEvent event) {
        try {
            JsonNode record = Records.JSON.readTree(event.payload());
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
}
