package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pilegate.sim.DeviceKind;

class DepotTest {

    private final Depot depot = new Depot(250, Depot.MAX_PILES_PER_PORT, Fixtures.METER, Fixtures.RELAY, () -> 0);

    @Test
    void fillsPortsWithUpTo123Piles() {
        assertEquals(3, depot.portCount());
        assertEquals(0, depot.portIndex(122));
        assertEquals(245, depot.meterUnitId(122));
        assertEquals(246, depot.relayUnitId(122));
        assertEquals(1, depot.portIndex(123));
        assertEquals(1, depot.meterUnitId(123));
        assertEquals(2, depot.relayUnitId(123));
        assertEquals(2, depot.portIndex(249));
        assertEquals(7, depot.meterUnitId(249));
    }

    @Test
    void portTablesHoldTheirPilesDevices() {
        UnitTable second = depot.units(1);
        assertSame(depot.device(123, DeviceKind.METER), second.device(1).orElseThrow());
        assertSame(depot.device(245, DeviceKind.RELAY), second.device(246).orElseThrow());
        assertTrue(second.device(0).isEmpty());
        assertTrue(second.device(247).isEmpty());
        assertTrue(depot.units(2).device(9).isEmpty(), "the last port has only four piles");
    }

    @Test
    void refusesMorePilesPerPortThanUnitIdsAllow() {
        assertThrows(IllegalArgumentException.class,
                () -> new Depot(1, Depot.MAX_PILES_PER_PORT + 1, Fixtures.METER, Fixtures.RELAY, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Depot(1, 0, Fixtures.METER, Fixtures.RELAY, () -> 0));
    }
}
