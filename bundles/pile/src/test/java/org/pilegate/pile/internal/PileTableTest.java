package org.pilegate.pile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PileTableTest {

    @Test
    void eachRowIsAPileWithItsMeterAndRelay() {
        PileTable table = PileTable.parse("piles.csv", List.of(
                "# bay row A",
                "id, meter.host, meter.port, meter.unitId, meter.profile, relay.host, relay.port, relay.unitId,"
                        + " relay.profile, pile.feeder",
                "",
                "bay-01, 10.0.0.5, 502, 1, eastron-sdm630, 10.0.0.5, 502, 2, pilegate-generic-relay, board-a",
                "bay-02, 10.0.0.5, 502, 3, eastron-sdm630, 10.0.0.6, 503, 2, pilegate-generic-relay,"));
        assertEquals(List.of(), table.errors());
        assertEquals(2, table.rows().size());
        PileTable.Row first = table.rows().get(0);
        assertEquals(4, first.line());
        assertEquals(Map.of("id", "bay-01", "meter", "bay-01.meter", "relay", "bay-01.relay", "feeder", "board-a"),
                first.pile());
        assertEquals(Map.of("id", "bay-01.meter", "host", "10.0.0.5", "port", "502", "unitId", "1", "profile",
                "eastron-sdm630"), first.meter());
        assertEquals(Map.of("id", "bay-02.relay", "host", "10.0.0.6", "port", "503", "unitId", "2", "profile",
                "pilegate-generic-relay"), table.rows().get(1).relay());
        // an empty cell leaves the key to the configuration's default
        assertEquals(Map.of("id", "bay-02", "meter", "bay-02.meter", "relay", "bay-02.relay"),
                table.rows().get(1).pile());
    }

    @Test
    void aRowThatCannotBeReadIsNamedByItsLineAndTheOthersStand() {
        PileTable table = PileTable.parse("piles.csv", List.of(
                "id, meter.unitId, relay.unitId",
                "bay-01, 1, 2",
                "bay-02, 3",
                "bay 03, 5, 6",
                "bay-01, 7, 8",
                "bay-04, 9, 10"));
        assertEquals(List.of("bay-01", "bay-04"), table.rows().stream().map(PileTable.Row::id).toList());
        assertEquals(List.of(
                "piles.csv line 3: 2 cells, but the header has 3 columns",
                "piles.csv line 4: id 'bay 03' must be letters, digits, '.', '_' or '-' (at most 64)",
                "piles.csv line 5: pile bay-01 is in the table twice"), table.errors());
    }

    @Test
    void aWrongHeaderRefusesTheWholeTable() {
        assertEquals(List.of("t.csv line 1: the header's first column must be 'id', not 'pile'"),
                PileTable.parse("t.csv", List.of("pile, meter.host")).errors());
        assertEquals(List.of("t.csv line 2: column 'modem.host' must be pile.<key>, meter.<key> or relay.<key>"),
                PileTable.parse("t.csv", List.of("#", "id, modem.host", "bay-01, x")).errors());
        assertEquals(List.of("t.csv line 1: column 'pile.meter' is set from the row's id"),
                PileTable.parse("t.csv", List.of("id, pile.meter")).errors());
        assertEquals(List.of("t.csv line 1: column 'meter.port' is there twice"),
                PileTable.parse("t.csv", List.of("id, meter.port, meter.port")).errors());
        assertEquals(List.of("t.csv: no header line (id, pile.…, meter.…, relay.…)"),
                PileTable.parse("t.csv", List.of("# nothing yet")).errors());
    }
}
