package org.pilegate.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.session.SessionState;

class CommandArgumentsTest {

    @Test
    void availabilityIsTrueOrFalseAndNothingElse() {
        assertTrue(PileAvailableCommand.parse("TRUE"));
        assertFalse(PileAvailableCommand.parse("false"));
        assertEquals("available must be true or false, not 'off'",
                assertThrows(IllegalArgumentException.class, () -> PileAvailableCommand.parse("off")).getMessage());
    }

    @Test
    void statesAreReadWhateverTheirCase() {
        assertEquals(EnumSet.of(SessionState.CHARGING, SessionState.PAID),
                SessionsCommand.parse(List.of("charging", "PAID")));
        assertEquals(EnumSet.noneOf(SessionState.class), SessionsCommand.parse(List.of()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SessionsCommand.parse(List.of("DONE")))
                .getMessage().startsWith("--state must be one of [PENDING, CHARGING"));
    }
}
