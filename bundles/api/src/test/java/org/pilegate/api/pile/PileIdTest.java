package org.pilegate.api.pile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PileIdTest {

    @Test
    void keepsAValidName() {
        assertEquals("bay-07.left_A", new PileId("bay-07.left_A").value());
        assertEquals("x".repeat(64), new PileId("x".repeat(64)).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "bay 7", "bay/7", "bäy", "pile\n"})
    void rejectsNamesOutsideThePattern(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PileId(value));
        assertEquals("pile id must match [A-Za-z0-9._-]{1,64}: '" + value + "'", e.getMessage());
    }

    @Test
    void rejectsNamesLongerThan64() {
        assertThrows(IllegalArgumentException.class, () -> new PileId("x".repeat(65)));
    }

    @Test
    void rejectsNullNamingTheField() {
        assertEquals("value", assertThrows(NullPointerException.class, () -> new PileId(null)).getMessage());
    }
}
