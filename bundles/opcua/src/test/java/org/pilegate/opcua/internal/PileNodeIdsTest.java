package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned;
import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;

class PileNodeIdsTest {

    private static final PileId PILE = new PileId("bay-07.left");

    private final PileNodeIds ids = new PileNodeIds(Unsigned.ushort(2));

    @Test
    void everyNodeOfAPileIsNamedByItsPathAndReadBackFromIt() {
        assertEquals(new NodeId(2, "Site/Piles/bay-07.left"), ids.pile(PILE));
        assertEquals(new NodeId(2, "Site/Piles/bay-07.left/Meter"), ids.meter(PILE));
        assertEquals(new NodeId(2, "Site/Piles/bay-07.left/PowerW"), ids.variable(PILE, PileVariable.POWER));
        assertEquals(new NodeId(2, "Site/Piles/bay-07.left/Meter/L1VoltageV"),
                ids.variable(PILE, PileVariable.L1_VOLTAGE));
        assertEquals(new NodeId(2, "Site/Piles/bay-07.left/Meter/L1VoltageV.EngineeringUnits"),
                ids.units(PILE, PileVariable.L1_VOLTAGE));

        List<PileNodeIds.Address> addresses = new ArrayList<>(List.of(
                new PileNodeIds.Address(PILE, PileNodeIds.Kind.PILE, null),
                new PileNodeIds.Address(PILE, PileNodeIds.Kind.METER, null)));
        for (PileVariable variable : PileVariable.values()) {
            addresses.add(new PileNodeIds.Address(PILE, PileNodeIds.Kind.VARIABLE, variable));
            variable.unit().ifPresent(unit -> addresses.add(
                    new PileNodeIds.Address(PILE, PileNodeIds.Kind.UNITS, variable)));
        }
        for (PileNodeIds.Address address : addresses) {
            assertEquals(Optional.of(address), ids.parse(ids.of(address)), address.toString());
        }
        assertEquals(2 + 22 + 11, addresses.size());
    }

    @Test
    void idsThatNameNoPileNodeAreNotRead() {
        for (String path : List.of("Site/Piles", "Site/Piles/", "Site/Piles/bay 1", "Site/Piles/bay-01/Nothing",
                "Site/Piles/bay-01/L1VoltageV", "Site/Piles/bay-01/Meter/PowerW", "Site/Piles/bay-01/Meter/",
                "Site/Piles/bay-01/State.EngineeringUnits", "Site/Piles/bay-01/PowerW.Description",
                "Site/Piles/bay-01/Meter/Meter", "Site/GridLimitW")) {
            assertEquals(Optional.empty(), ids.parse(new NodeId(2, path)), path);
        }
        assertEquals(Optional.empty(), ids.parse(new NodeId(3, "Site/Piles/bay-01")));
        assertEquals(Optional.empty(), ids.parse(new NodeId(2, 7)));
    }

    @Test
    void everythingBelowTheFolderIsThePilesButNotTheFolderItself() {
        assertTrue(ids.below(new NodeId(2, "Site/Piles/bay-99/Whatever")));
        assertFalse(ids.below(ids.folder()));
        assertFalse(ids.below(new NodeId(2, "Site/PileCount")));
        assertFalse(ids.below(new NodeId(0, "Site/Piles/bay-01")));
    }
}
