package org.pilegate.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** The fleet's view folded from records as the uplink writes them, some delivered twice, some of yesterday. */
class FleetStateTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final FleetState fleet = new FleetState(ZoneId.of("Europe/Berlin"), LocalDate.parse("2026-12-03"));

    @Test
    void perSiteChargingPilesPowerSessionsAndRevenueOfToday() throws Exception {
        add("e1", "depot-a", "pile.status", "2026-12-03T08:00:00Z", "\"pileId\": \"p1\", \"state\": \"CHARGING\"");
        add("e2", "depot-a", "pile.status", "2026-12-03T08:00:00Z", "\"pileId\": \"p2\", \"state\": \"CHARGING\"");
        add("e3", "depot-a", "pile.status", "2026-12-03T09:00:00Z", "\"pileId\": \"p2\", \"state\": \"FINISHING\"");
        add("e4", "depot-a", "site.power", "2026-12-03T09:01:00Z", "\"powerW\": 11000");
        add("e5", "depot-a", "site.power", "2026-12-03T09:00:00Z", "\"powerW\": 22000");
        add("e6", "depot-a", "session.pending", "2026-12-03T08:00:00Z", session("s1", "2026-12-03T08:00:00Z"));
        add("e7", "depot-a", "session.charging", "2026-12-03T08:00:01Z", session("s1", "2026-12-03T08:00:00Z"));
        add("e8", "depot-a", "session.paid", "2026-12-03T08:00:02Z", session("s0", "2026-12-02T21:00:00Z"));
        add("e9", "depot-a", "cdr", "2026-12-03T09:00:00Z", cdr("2026-12-03T09:00:00Z", "10.79", "EUR"));
        add("e10", "depot-a", "cdr", "2026-12-03T09:30:00Z", cdr("2026-12-03T09:30:00Z", "0.21", "EUR"));
        add("e11", "depot-a", "cdr", "2026-12-02T22:30:00Z", cdr("2026-12-02T22:30:00Z", "5.00", "EUR"));
        add("e12", "depot-b", "site.power", "2026-12-03T09:00:00Z", "\"powerW\": 0");

        assertEquals(List.of(new FleetState.SiteView("depot-a", 1, 11000, 1, Map.of("EUR", 11_00L)),
                new FleetState.SiteView("depot-b", 0, 0, 0, Map.of())), fleet.sites());
        assertTrue(fleet.table().contains("11.00 EUR"), fleet.table());
    }

    @Test
    void aRecordDeliveredAgainCountsOnce() throws Exception {
        String record = record("e1", "depot-a", "cdr", "2026-12-03T09:00:00Z", cdr("2026-12-03T09:00:00Z", "10.79",
                "EUR"));

        assertTrue(fleet.add(JSON.readTree(record)));
        assertFalse(fleet.add(JSON.readTree(record)));

        assertEquals(Map.of("EUR", 10_79L), fleet.sites().get(0).revenueMinorUnits());
    }

    private void add(String eventId, String site, String type, String time, String body) throws Exception {
        fleet.add(JSON.readTree(record(eventId, site, type, time, body)));
    }

    private static String record(String eventId, String site, String type, String time, String body) {
        return "{\"eventId\": \"" + eventId + "\", \"schemaVersion\": 1, \"siteId\": \"" + site + "\", \"type\": \""
                + type + "\", \"time\": \"" + time + "\", " + body + "}";
    }

    private static String session(String id, String startedAt) {
        return "\"session\": {\"id\": \"" + id + "\", \"startedAt\": \"" + startedAt + "\"}";
    }

    private static String cdr(String end, String inclVat, String currency) {
        return "\"cdr\": {\"end_date_time\": \"" + end + "\", \"currency\": \"" + currency + "\", \"total_cost\":"
                + " {\"excl_vat\": 1.00, \"incl_vat\": " + inclVat + "}}";
    }
}
