package org.pilegate.api.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VehicleIdTest {

    @Test
    void acceptsRfidUidsAndEvccids() {
        assertEquals("04A224B2C35E80", new VehicleId("04A224B2C35E80").value());
        assertEquals("00:1A:2B:3C:4D:5E", new VehicleId("00:1A:2B:3C:4D:5E").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "04 A2", "04A2\t", "ÄBC"})
    void rejectsBlankSpacedOrNonAsciiIds(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new VehicleId(value));
        assertEquals("vehicle id must be 1 to 64 visible ASCII characters: '" + value + "'", e.getMessage());
    }

    @Test
    void rejectsIdsLongerThan64() {
        assertEquals("A".repeat(64), new VehicleId("A".repeat(64)).value());
        assertThrows(IllegalArgumentException.class, () -> new VehicleId("A".repeat(65)));
    }
}
