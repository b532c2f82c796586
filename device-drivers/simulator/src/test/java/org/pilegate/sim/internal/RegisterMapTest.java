package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.pilegate.device.profile.InvalidProfileException;

class RegisterMapTest {

    /** Input registers 0..3 and 23296..23297 (adjacent points merge into one run); coil 5. */
    private final RegisterMap map = RegisterMap.builder("test")
            .map(Table.INPUT_REGISTERS, 23296, 2, "far")
            .map(Table.INPUT_REGISTERS, 0, 2, "first")
            .map(Table.INPUT_REGISTERS, 2, 2, "second")
            .map(Table.COILS, 5, 1, "coil")
            .build();

    @Test
    void packsSparseAddressesDensely() {
        assertEquals(6, map.size(Table.INPUT_REGISTERS));
        assertEquals(1, map.size(Table.COILS));
        assertEquals(0, map.size(Table.HOLDING_REGISTERS));
        assertEquals(OptionalInt.of(0), map.index(Table.INPUT_REGISTERS, 0, 4));
        assertEquals(OptionalInt.of(3), map.index(Table.INPUT_REGISTERS, 3, 1));
        assertEquals(OptionalInt.of(5), map.index(Table.INPUT_REGISTERS, 23297, 1));
        assertEquals(OptionalInt.of(0), map.index(Table.COILS, 5, 1));
    }

    @Test
    void servesNoReadThatTouchesAGap() {
        assertTrue(map.index(Table.INPUT_REGISTERS, 0, 5).isEmpty());
        assertTrue(map.index(Table.INPUT_REGISTERS, 4, 1).isEmpty());
        assertTrue(map.index(Table.INPUT_REGISTERS, 23295, 2).isEmpty());
        assertTrue(map.index(Table.INPUT_REGISTERS, 23297, 2).isEmpty());
        assertTrue(map.index(Table.HOLDING_REGISTERS, 0, 1).isEmpty());
        assertTrue(map.index(Table.COILS, 4, 2).isEmpty());
    }

    @Test
    void refusesOverlappingPoints() {
        RegisterMap.Builder builder = RegisterMap.builder("clash").map(Table.HOLDING_REGISTERS, 10, 2, "limit");
        InvalidProfileException clash = assertThrows(InvalidProfileException.class,
                () -> builder.map(Table.HOLDING_REGISTERS, 11, 1, "contactor"));
        assertTrue(clash.getMessage().contains("clash") && clash.getMessage().contains("contactor"),
                clash.getMessage());
    }
}
